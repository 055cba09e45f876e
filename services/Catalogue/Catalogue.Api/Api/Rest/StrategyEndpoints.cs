using Catalogue.Api.Application;
using Catalogue.Api.Import;

namespace Catalogue.Api.Api.Rest;

/// <summary>/api/v1/catalogue/strategies…: the catalogue of strategies, their trees, imports and direction lists.</summary>
public static class StrategyEndpoints
{
    public static RouteGroupBuilder MapStrategyEndpoints(this RouteGroupBuilder api)
    {
        var strategies = api.MapGroup("/strategies").WithTags("strategies");

        strategies.MapGet("/", async (HttpRequest request, CatalogueQueries queries, CancellationToken ct) =>
        {
            var (page, pageSize) = Paging(request);
            return Results.Ok(await queries.ListStrategiesAsync(page, pageSize, RequestReader.String(request, "territory"), ct));
        });

        strategies.MapPost("/", async (HttpRequest request, StrategyCommands commands, CancellationToken ct) =>
        {
            var created = await commands.CreateStrategyAsync(await JsonBody.ReadAsync<CreateStrategy>(request, ct), ct);
            return Results.Created($"/api/v1/catalogue/strategies/{created.Id}", created);
        });

        strategies.MapGet("/{id:guid}", async (Guid id, HttpRequest request, CatalogueQueries queries, CancellationToken ct) =>
        {
            var errors = new ValidationErrors();
            var year = RequestReader.Int(request, "year", errors);
            var from = RequestReader.Int(request, "yearFrom", errors);
            var to = RequestReader.Int(request, "yearTo", errors);
            errors.ThrowIfAny();
            return Results.Ok(await queries.GetStrategyAsync(id, year, from, to, ct));
        });

        strategies.MapPut("/{id:guid}", async (Guid id, HttpRequest request, StrategyCommands commands, CancellationToken ct) =>
            Results.Ok(await commands.UpdateStrategyAsync(id, await JsonBody.ReadAsync<UpdateStrategy>(request, ct), ct)));

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
        });

        strategies.MapPost("/{id:guid}/nodes", async (Guid id, HttpRequest request, StrategyCommands commands, CancellationToken ct) =>
        {
            var node = await commands.CreateNodeAsync(id, await JsonBody.ReadAsync<CreateNode>(request, ct), ct);
            return Results.Created($"/api/v1/catalogue/nodes/{node.Id}", node);
        });

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
        });

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
        });
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
