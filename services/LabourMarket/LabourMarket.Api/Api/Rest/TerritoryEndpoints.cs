using static Platform.ServiceDefaults.Hosting.ApiDocumentation;
using LabourMarket.Api.Territory;
using Microsoft.Net.Http.Headers;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Identity;

namespace LabourMarket.Api.Api.Rest;

/// <summary>The TERYT register under /api/v1/territory (the gateway forwards the prefix to this service, its owner).</summary>
public static class TerritoryEndpoints
{
    private static readonly string[] FileTypes = ["text/csv", "application/octet-stream", "text/plain"];

    public static IEndpointRouteBuilder MapTerritoryRest(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/territory").AddEndpointFilter<ProblemMapping>().WithTags("territory");

        api.MapPost("/register", ImportAsync)
            .Takes<byte[]>("text/csv", "application/octet-stream").Example("text/csv", BodyExamples.TercFile)
            .WritesWithout<RegisterImportReport>(StatusCodes.Status201Created, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Wczytanie rejestru TERYT z pliku TERC GUS (administrator)");
        api.MapGet("/register", (TerritoryQueries queries, CancellationToken ct) => queries.RegisterAsync(ct))
            .Refuses(StatusCodes.Status429TooManyRequests).WithSummary("Wersja rejestru, liczby jednostek, ostatnie wczytania");
        api.MapGet("/units", (TerritoryQueries queries, string? q, string? level, string? within, int? page, int? pageSize, CancellationToken ct) =>
            queries.SearchAsync(q, level, within, page ?? 1, pageSize ?? 0, ct))
            .Refuses(StatusCodes.Status429TooManyRequests).WithSummary("Wyszukiwanie jednostek po nazwie lub kodzie");
        api.MapGet("/units/{code}", (TerritoryQueries queries, string code, CancellationToken ct) => queries.GetAsync(code, ct))
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests).WithSummary("Jednostka z nazwami dawnymi i podrzędnymi");
        return app;
    }

    /// <summary>
    /// The TERC file as the body (text/csv or application/octet-stream, at most 10 MiB); its name from
    /// Content-Disposition or ?fileName=. 201 with the import report.
    /// </summary>
    private static async Task<IResult> ImportAsync(HttpRequest request, RegisterImport import, string? fileName, CancellationToken ct)
    {
        var caller = request.HttpContext.Caller();
        // Refused before the body is read: an anonymous caller does not get to upload 10 MiB.
        caller.DemandRole("wczytać rejestru TERYT", PlatformRoles.Admin);
        if (request.ContentType is { } type && !FileTypes.Any(t => type.StartsWith(t, StringComparison.OrdinalIgnoreCase)))
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Nieobsługiwany typ treści",
                detail: $"Plik TERC wysyła się jako text/csv albo application/octet-stream, nie {type}.");
        }
        if (request.ContentLength > RegisterImport.MaxFileBytes) throw TooLarge();

        using var file = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
        {
            if (file.Length + read > RegisterImport.MaxFileBytes) throw TooLarge();
            file.Write(buffer, 0, read);
        }
        file.Position = 0;
        var name = fileName ?? (ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition)
            ? (disposition.FileNameStar.Value ?? disposition.FileName.Value)?.Trim('"') : null);
        var report = await import.ImportAsync(file, name, caller, ct);
        return Results.Created("/api/v1/territory/register", report);
    }

    private static ValidationFailedException TooLarge() =>
        ValidationFailedException.Single("body", $"Plik jest większy niż {RegisterImport.MaxFileBytes / 1024 / 1024} MiB; to nie jest plik TERC.");
}
