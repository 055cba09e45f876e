using Platform.ServiceDefaults.Validation;
using Microsoft.OpenApi;
using static Platform.ServiceDefaults.Hosting.ApiDocumentation;
using Platform.ServiceDefaults.Errors;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Reporting.Api.Application;

namespace Reporting.Api.Api.Rest;

/// <summary>/api/v1/reports: start a report job, watch it, list jobs, download artifacts.</summary>
public static class ReportEndpoints
{
    public static readonly IReadOnlyList<string> Formats = ["html", "docx", "pdf", "csv", "xlsx"];

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/reports").WithTags("reports").AddEndpointFilter<ProblemMapping>().AddEndpointFilter(SourceUnavailable);

        api.MapPost("/", async (HttpRequest request, ReportJobs jobs, CancellationToken ct) =>
        {
            var body = await JsonBody.ReadAsync<StartReportBody>(request, ct);
            var job = await jobs.StartAsync(new StartReportRequest(body.Kind, body.StrategyId, body.Year, body.From, body.To, body.DataCutOff), ct);
            return Results.Accepted($"/api/v1/reports/{job.Id}", ReportDtoMapper.ToDto(job));
        }).Writes<StartReportBody, ReportJobDto>(StatusCodes.Status202Accepted).Example(BodyExamples.FinalEvaluation)
          .WithSummary("Zlecenie raportu (roczny raport monitoringu, ocena śródokresowa albo końcowa); postęp pod adresem z nagłówka Location");

        api.MapGet("/", async (HttpRequest request, ReportJobs jobs, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            var page = IntQuery(request, "page", 1, 1, Paging.MaxPage, errors);
            var pageSize = IntQuery(request, "pageSize", 20, 1, 200, errors);
            Guid? strategyId = null;
            if (request.Query.TryGetValue("strategyId", out var s))
            {
                if (Guid.TryParse(s, out var g)) strategyId = g;
                else errors["strategyId"] = ["Nieprawidłowy identyfikator strategii."];
            }
            if (errors.Count > 0) throw new ValidationFailedException(errors);
            var (items, total) = await jobs.ListAsync(strategyId, page, pageSize, ct);
            return Results.Ok(new ReportPage(items.Select(j => ReportDtoMapper.ToDto(j, jobs.SeesDrafts)).ToList(), total, page, pageSize));
        }).Reads<ReportPage>().WithSummary("Zlecone raporty")
          .WithQuery(Query("strategyId", JsonSchemaType.String, "tylko raporty tej strategii"),
                     Query("page", JsonSchemaType.Integer, "numer strony od 1"), Query("pageSize", JsonSchemaType.Integer, "rozmiar strony (1–200)"));

        api.MapGet("/{id:guid}", async (Guid id, ReportJobs jobs, CancellationToken ct) =>
            await jobs.GetAsync(id, ct) is { } job ? Results.Ok(ReportDtoMapper.ToDto(job, jobs.SeesDrafts)) : NotFoundProblem(id))
            .Reads<ReportJobDto>(StatusCodes.Status404NotFound).WithSummary("Stan zlecenia raportu i jego pliki");

        api.MapGet("/{id:guid}/content.{format}", async (Guid id, string format, ReportJobs jobs, CancellationToken ct) =>
        {
            if (!Formats.Contains(format))
                throw new ValidationFailedException(new Dictionary<string, string[]> { ["format"] = [$"Nieznany format „{format}”; dostępne: {string.Join(", ", Formats)}."] });
            if (await jobs.DownloadAsync(id, format, ct) is not var (artifact, fileName)) return NotFoundProblem(id, format);
            return Results.File(artifact.Content, artifact.ContentType, fileName);
        }).Produces(StatusCodes.Status200OK, typeof(byte[]), "application/pdf", "text/html", "text/csv",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
          .Refuses(StatusCodes.Status404NotFound).WithSummary("Plik raportu: pdf, docx, html, csv albo xlsx");
        api.MapPut("/{id:guid}/draft", async (Guid id, HttpRequest request, ReportDrafts drafts, CancellationToken ct) =>
        {
            var body = await JsonBody.ReadAsync<EditDraftBody>(request, ct);
            if (body.ExpectedVersion is not { } version)
                throw ValidationFailedException.Single("expectedVersion", "Podaj wersję raportu, którą zmieniasz (expectedVersion).");
            var job = await drafts.EditAsync(id, body.Foreword, body.Conclusions, version, ct);
            return Results.Accepted($"/api/v1/reports/{job.Id}", ReportDtoMapper.ToDto(job));
        }).Writes<EditDraftBody, ReportJobDto>(StatusCodes.Status202Accepted, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
          .Example(BodyExamples.Edit)
          .WithSummary("Przedmowa i wnioski wersji roboczej raportu (analityk); każda zmiana to nowa wersja, pliki powstają ponownie");

        api.MapPost("/{id:guid}/publish", async (Guid id, HttpRequest request, ReportDrafts drafts, ReportJobs jobs, CancellationToken ct) =>
        {
            if (!int.TryParse(request.Query["expectedVersion"], out var version))
                throw ValidationFailedException.Single("expectedVersion", "Podaj wersję raportu, którą publikujesz (expectedVersion).");
            var job = await drafts.PublishAsync(id, version, ct);
            return Results.Ok(ReportDtoMapper.ToDto((await jobs.GetAsync(job.Id, ct))!));
        }).WritesWithout<ReportJobDto>(StatusCodes.Status200OK, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
          .WithQuery(Query("expectedVersion", JsonSchemaType.Integer, "wersja raportu, którą publikujesz", required: true))
          .WithSummary("Publikacja raportu (analityk): od tej chwili widzą go wszyscy, a zmienić go już nie można");

        api.MapGet("/{id:guid}/edits", async (Guid id, ReportJobs jobs, ReportDrafts drafts, CancellationToken ct) =>
        {
            if (!jobs.SeesDrafts || await jobs.GetAsync(id, ct) is null) return NotFoundProblem(id);
            return Results.Ok((await drafts.HistoryAsync(id, ct)).Select(e => new ReportEditDto(e.Version, e.Foreword, e.Conclusions, e.EditedBy, e.EditedAt)).ToList());
        }).Reads<List<ReportEditDto>>(StatusCodes.Status404NotFound).WithSummary("Wersje przedmowy i wniosków raportu (dla przygotowujących raporty)");

        api.MapGet("/{id:guid}/tables.zip", async (Guid id, ReportJobs jobs, CancellationToken ct) =>
        {
            if (await jobs.DownloadAsync(id, "xlsx", ct) is not var (artifact, fileName)) return NotFoundProblem(id, "xlsx");
            return Results.File(Rendering.CsvTables.Zip(artifact.Content), "application/zip", Path.ChangeExtension(fileName, null) + "-tabele-csv.zip");
        }).Produces(StatusCodes.Status200OK, typeof(byte[]), "application/zip").Refuses(StatusCodes.Status404NotFound)
          .WithSummary("Wszystkie tabele raportu jako osobne pliki CSV w archiwum ZIP");

        // Operators: reload the read model from the catalogue, labour and zones over gRPC (new installation, lost
        // read model). ?sources=catalogue,labour,zones or {"sources": [...]}; none named = all.
        api.MapPost("/read-model/rebuild", async (HttpRequest request, ReadModelRebuild rebuild, CancellationToken ct) =>
        {
            var sources = request.Query["sources"].SelectMany(s => (s ?? "").Split(',')).ToList();
            if (request.HasJsonContentType() && request.ContentLength != 0)
                sources.AddRange((await JsonBody.ReadAsync<RebuildBody>(request, ct)).Sources ?? []);
            return Results.Ok(await rebuild.RebuildAsync(sources, ct));
        }).WithTags("reports-admin").Writes<RebuildBody, RebuildResult>(StatusCodes.Status200OK, StatusCodes.Status503ServiceUnavailable).Example(BodyExamples.Rebuild)
          .WithQuery(Query("sources", JsonSchemaType.String, "catalogue, labour, zones (po przecinku); bez: wszystkie"))
          .WithSummary("Odbudowa modelu odczytu z usług źródłowych (administrator)");
        return app;
    }

    private static int IntQuery(HttpRequest request, string name, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        if (!request.Query.TryGetValue(name, out var raw)) return fallback;
        if (int.TryParse(raw, out var v) && v >= min && v <= max) return v;
        errors[name] = [$"Podaj liczbę z zakresu {min}–{max}."];
        return fallback;
    }

    private static IResult NotFoundProblem(Guid id, string? format = null) => Results.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound,
        Title = "Nie znaleziono",
        Detail = format is null ? $"Nie ma raportu {id}." : $"Raport {id} nie ma (jeszcze) pliku w formacie {format}.",
    });

    /// <summary>A source service that cannot be reached (the read-model rebuild) as 503 problem details; the rest as every service maps it.</summary>
    private static async ValueTask<object?> SourceUnavailable(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try { return await next(context); }
        catch (Clients.SourceUnavailableException u)
        {
            return Results.Problem(new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = "Źródło danych niedostępne", Detail = u.Message });
        }
    }
}
