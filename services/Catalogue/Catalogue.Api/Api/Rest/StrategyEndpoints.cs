using Microsoft.OpenApi;
using Platform.ServiceDefaults.Hosting;
using static Platform.ServiceDefaults.Hosting.ApiDocumentation;
using Catalogue.Api.Application;
using Catalogue.Api.Import;

namespace Catalogue.Api.Api.Rest;

/// <summary>/api/v1/catalogue/strategies…: the catalogue of strategies, their trees, imports and direction lists.</summary>
public static class StrategyEndpoints
{
    /// <summary>A year, or a span (an evaluated period).</summary>
    internal static readonly ApiDocumentation.QueryParameter[] PeriodQuery =
    [
        Query("year", JsonSchemaType.Integer, "rok sprawozdawczy"),
        Query("yearFrom", JsonSchemaType.Integer, "początek okresu (z yearTo: cały okres oceny)"),
        Query("yearTo", JsonSchemaType.Integer, "koniec okresu"),
    ];

    public static RouteGroupBuilder MapStrategyEndpoints(this RouteGroupBuilder api)
    {
        var strategies = api.MapGroup("/strategies").WithTags("strategies");

        strategies.MapGet("/", async (HttpRequest request, CatalogueQueries queries, CancellationToken ct) =>
        {
            var (page, pageSize) = Paging(request);
            var errors = new ValidationErrors();
            var archived = RequestReader.Bool(request, "archived", errors) ?? false;
            errors.ThrowIfAny();
            return Results.Ok(await queries.ListStrategiesAsync(page, pageSize, RequestReader.String(request, "territory"), ct, archived));
        }).Reads<Paged<StrategySummaryView>>(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden)
          .WithSummary("Lista strategii")
          .WithQuery(Query("territory", JsonSchemaType.String, "kod TERYT: strategie dotyczące tej jednostki (jej, obejmujących ją i w niej leżących)"),
                     Query("archived", JsonSchemaType.Boolean, "archiwum zamiast listy publicznej (koordynator, administrator)"),
                     Query("page", JsonSchemaType.Integer, "numer strony od 1"), Query("pageSize", JsonSchemaType.Integer, "rozmiar strony (1–500)"));

        strategies.MapPost("/{id:guid}/archive", async (Guid id, HttpRequest request, StrategyCommands commands, CancellationToken ct) =>
        {
            var errors = new ValidationErrors();
            var expected = RequestReader.Int(request, "expectedVersion", errors);
            if (expected is null && !errors.Any) errors.Add("expectedVersion", "Podaj wersję archiwizowanej strategii.");
            errors.ThrowIfAny();
            return Results.Ok(await commands.ArchiveStrategyAsync(id, expected!.Value, ct));
        }).WritesWithout<StrategyView>(StatusCodes.Status200OK, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
          .WithQuery(Query("expectedVersion", JsonSchemaType.Integer, "wersja strategii", required: true))
          .WithSummary("Archiwizacja strategii (znika z list, zachowuje drzewo, wpisy i historię)");

        strategies.MapPost("/{id:guid}/restore", async (Guid id, StrategyCommands commands, CancellationToken ct) =>
            Results.Ok(await commands.RestoreStrategyAsync(id, ct)))
            .WritesWithout<StrategyView>(StatusCodes.Status200OK, StatusCodes.Status404NotFound)
            .WithSummary("Przywrócenie strategii z archiwum (administrator)");

        strategies.MapPost("/", async (HttpRequest request, StrategyCommands commands, CancellationToken ct) =>
        {
            var created = await commands.CreateStrategyAsync(await JsonBody.ReadAsync<CreateStrategy>(request, ct), ct);
            return Results.Created($"/api/v1/catalogue/strategies/{created.Id}", created);
        }).Writes<CreateStrategy, StrategyView>(StatusCodes.Status201Created, StatusCodes.Status409Conflict).Example(BodyExamples.NewStrategy).WithSummary("Nowa strategia");

        strategies.MapGet("/{id:guid}", async (Guid id, HttpRequest request, CatalogueQueries queries, CancellationToken ct) =>
        {
            var errors = new ValidationErrors();
            var year = RequestReader.Int(request, "year", errors);
            var from = RequestReader.Int(request, "yearFrom", errors);
            var to = RequestReader.Int(request, "yearTo", errors);
            errors.ThrowIfAny();
            return Results.Ok(await queries.GetStrategyAsync(id, year, from, to, ct));
        }).Reads<StrategyView>(StatusCodes.Status404NotFound).WithSummary("Strategia z drzewem i postępem za okres").WithQuery(PeriodQuery);

        strategies.MapPut("/{id:guid}", async (Guid id, HttpRequest request, StrategyCommands commands, CancellationToken ct) =>
            Results.Ok(await commands.UpdateStrategyAsync(id, await JsonBody.ReadAsync<UpdateStrategy>(request, ct), ct)))
            .Writes<UpdateStrategy, StrategyView>(StatusCodes.Status200OK, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).Example(BodyExamples.ChangedStrategy)
            .WithSummary("Zmiana nagłówka strategii (expectedVersion)");

        // The body is the JSON format of the extracted documents or the CSV format (README.md), told apart by Content-Type.
        strategies.MapPost("/import", async (HttpRequest request, StrategyImport import, CancellationToken ct) =>
        {
            var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
            StrategyDocument doc = mediaType switch
            {
                "application/json" => await JsonStrategyReader.ReadAsync(request.Body, ct),
                "text/csv" => await CsvStrategyReader.ReadAsync(request.Body, ct),
                _ => throw ValidationFailedException.Single("Content-Type", "Oczekiwano application/json albo text/csv."),
            };
            var report = await import.ImportAsync(doc, ct);
            return report.Created
                ? Results.Created($"/api/v1/catalogue/strategies/{report.StrategyId}", report)
                : Results.Ok(report);
        }).Takes<System.Text.Json.JsonElement>("application/json", "text/csv").Example(BodyExamples.ImportJson).Example("text/csv", BodyExamples.ImportCsv)
          .WritesWithout<ImportReport>(StatusCodes.Status201Created, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType)
          .Produces<ImportReport>(StatusCodes.Status200OK)
          .WithSummary("Import całej strategii (JSON albo CSV)")
          .WithDescription("JSON: format dokumentów strategii (strategy, areas, operational_goals, directions, evaluation_summary; nazwy pól " +
                           "snake_case). CSV (UTF-8 albo Windows-1250, średnik): kolumny strategy_code, strategy_name, owner_kind, owner_units, " +
                           "owner_name, period_from, period_to, kind, code, parent_code, title, year, status, status_text, conclusions. " +
                           "201 — strategia utworzona, 200 — zaktualizowana; raport importu wymienia węzły, wpisy i nierozpoznane wartości.");

        strategies.MapPost("/{id:guid}/nodes", async (Guid id, HttpRequest request, StrategyCommands commands, CancellationToken ct) =>
        {
            var node = await commands.CreateNodeAsync(id, await JsonBody.ReadAsync<CreateNode>(request, ct), ct);
            return Results.Created($"/api/v1/catalogue/nodes/{node.Id}", node);
        }).Writes<CreateNode, NodeView>(StatusCodes.Status201Created, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).Example(BodyExamples.NewDirection).WithSummary("Nowy węzeł drzewa strategii");

        strategies.MapGet("/{id:guid}/directions", async (Guid id, HttpRequest request, CatalogueQueries queries, CancellationToken ct) =>
        {
            var errors = new ValidationErrors();
            var filter = new DirectionFilter(
                Node: RequestReader.Guid(request, "node", errors),
                Status: RequestReader.String(request, "status"),
                Period: Period(request, errors),
                Implementer: RequestReader.String(request, "implementer"),
                AreaWide: RequestReader.Bool(request, "areaWide", errors),
                Query: RequestReader.String(request, "q"),
                Page: RequestReader.Int(request, "page", errors) ?? 1,
                PageSize: RequestReader.Int(request, "pageSize", errors) ?? 50,
                Sort: RequestReader.String(request, "sort"));
            errors.ThrowIfAny();
            return Results.Ok(await queries.ListDirectionsAsync(id, filter, ct));
        }).Reads<Paged<DirectionView>>(StatusCodes.Status404NotFound).WithSummary("Kierunki interwencji z wpisem za okres")
          .WithQuery([.. PeriodQuery,
              Query("status", JsonSchemaType.String, "status, albo reported (z wpisem), unmapped (status nierozpoznany), missing (bez wpisu)"),
              Query("q", JsonSchemaType.String, "tekst w tytule lub kodzie"), Query("implementer", JsonSchemaType.String, "realizator"),
              Query("areaWide", JsonSchemaType.Boolean, "tylko projekty całego obszaru (true) albo bez nich (false)"),
              Query("node", JsonSchemaType.String, "identyfikator węzła: tylko jego kierunki"),
              Query("sort", JsonSchemaType.String, "tree (domyślnie), code, title; '-' przed nazwą: malejąco"),
              Query("page", JsonSchemaType.Integer, "numer strony od 1"), Query("pageSize", JsonSchemaType.Integer, "rozmiar strony (1–500)")]);

        strategies.MapGet("/{id:guid}/missing-entries", async (Guid id, HttpRequest request, CatalogueQueries queries, CancellationToken ct) =>
        {
            var errors = new ValidationErrors();
            var year = RequestReader.Int(request, "year", errors);
            var from = RequestReader.Int(request, "yearFrom", errors);
            var to = RequestReader.Int(request, "yearTo", errors);
            var page = RequestReader.Int(request, "page", errors) ?? 1;
            var pageSize = RequestReader.Int(request, "pageSize", errors) ?? 100;
            errors.ThrowIfAny();
            return Results.Ok(await queries.MissingEntriesAsync(id, year, from, to, page, pageSize, ct));
        }).Reads<Paged<DirectionView>>(StatusCodes.Status404NotFound).WithSummary("Kierunki bez wpisu za okres")
          .WithQuery([.. PeriodQuery, Query("page", JsonSchemaType.Integer, "numer strony od 1"), Query("pageSize", JsonSchemaType.Integer, "rozmiar strony (1–500)")]);
        return api;
    }

    private static (int Page, int PageSize) Paging(HttpRequest request)
    {
        var errors = new ValidationErrors();
        var page = RequestReader.Int(request, "page", errors) ?? 1;
        var pageSize = RequestReader.Int(request, "pageSize", errors) ?? 50;
        errors.ThrowIfAny();
        return (page, pageSize);
    }

    /// <summary>?year=2020, or ?yearFrom=2015&amp;yearTo=2023 for an evaluated period.</summary>
    private static MonitoringPeriod? Period(HttpRequest request, ValidationErrors errors)
    {
        var year = RequestReader.Int(request, "year", errors);
        var from = RequestReader.Int(request, "yearFrom", errors);
        var to = RequestReader.Int(request, "yearTo", errors);
        if (year is { } y) return MonitoringPeriod.Year(y);
        if (from is { } f && to is { } t) return new MonitoringPeriod(f, t);
        if (from is not null || to is not null) errors.Add("yearFrom", "Podaj yearFrom i yearTo razem.");
        return null;
    }
}
