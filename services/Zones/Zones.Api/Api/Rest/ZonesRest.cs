using Microsoft.OpenApi;
using static Platform.ServiceDefaults.Hosting.ApiDocumentation;
using Platform.Territory.Persistence;
using Zones.Api.Application;

namespace Zones.Api.Api.Rest;

/// <summary>
/// The portal's REST surface under /api/v1/zones (the gateway proxies the prefix unchanged).
/// Handlers only translate HTTP to the use cases in Application and back.
/// </summary>
public static class ZonesRest
{
    public static IEndpointRouteBuilder MapZonesRest(this IEndpointRouteBuilder app)
    {
        var zones = app.MapGroup("/api/v1/zones").AddEndpointFilter<ProblemMapping>().WithTags("zones");

        zones.MapGet("", Search)
            .Produces<SearchResponse>(contentType: "application/json")
            .Produces(StatusCodes.Status200OK, contentType: GeoJsonFeatures.MediaType)
            .ProducesValidationProblem()
            .WithSummary("Wyszukiwanie stref (filtry, promień, prostokąt, wielokąt, sortowanie, stronicowanie)");
        zones.MapGet("/summary", async (string? powiat, ZoneQueries q, CancellationToken ct) => Results.Ok(await q.SummaryAsync(powiat, ct)))
            .Produces<IReadOnlyList<GminaSummaryView>>().ProducesValidationProblem().WithSummary("Podsumowanie stref według gmin");
        zones.MapGet("/reference-places", async (string? kind, ZoneQueries q, CancellationToken ct) => Results.Ok(await q.ReferencePlacesAsync(kind, ct)))
            .Produces<IReadOnlyList<ReferencePlaceView>>().ProducesValidationProblem().WithSummary("Węzły autostrad i centra miast");
        zones.MapGet("/{id:guid}", async (Guid id, ZoneQueries q, CancellationToken ct) => Results.Ok(ZoneDetailsResponse.From(await q.GetAsync(id, ct))))
            .Produces<ZoneDetailsResponse>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Strefa z działkami i odległościami");
        zones.MapPost("", Register)
            .Writes<ZoneRequest, ZoneDetailsResponse>(StatusCodes.Status201Created).Example(BodyExamples.Zone)
            .WithSummary("Rejestracja strefy");
        zones.MapPut("/{id:guid}", Update)
            .Writes<ZoneRequest, ZoneDetailsResponse>(StatusCodes.Status200OK, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed).Example(BodyExamples.Zone with { ExpectedVersion = 4 })
            .WithSummary("Zmiana strefy (expectedVersion lub If-Match)");

        zones.MapGet("/{id:guid}/plots", async (Guid id, ZoneQueries q, CancellationToken ct) =>
            Results.Ok((await q.PlotsAsync(id, ct)).Select(PlotResponse.From)))
            .Produces<IReadOnlyList<PlotResponse>>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Działki strefy");
        zones.MapGet("/{id:guid}/plots/{plotId:guid}", async (Guid id, Guid plotId, ZoneQueries q, CancellationToken ct) =>
            Results.Ok(PlotResponse.From(await q.GetPlotAsync(id, plotId, ct))))
            .Produces<PlotResponse>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Działka");
        zones.MapPost("/{id:guid}/plots", AddPlot)
            .Writes<PlotRequest, PlotResponse>(StatusCodes.Status201Created, StatusCodes.Status404NotFound).Example(BodyExamples.Plot).WithSummary("Rejestracja działki w strefie");
        zones.MapPut("/{id:guid}/plots/{plotId:guid}", UpdatePlot)
            .Writes<PlotRequest, PlotResponse>(StatusCodes.Status200OK, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).Example(BodyExamples.Plot with { State = "sold", ExpectedVersion = 2 }).WithSummary("Zmiana działki (np. sprzedaż)");
        return app;
    }

    private static async Task<IResult> Search(HttpRequest request, ZoneQueries queries, TerritoryRegisterCache register, CancellationToken ct)
    {
        var criteria = SearchQueryParser.Parse(request.Query, await register.GetAsync(ct));
        var geoJson = GeoJsonFeatures.Wanted(request);
        var page = await queries.SearchAsync(criteria, geoJson, ct);
        return geoJson ? GeoJsonFeatures.Result(page) : Results.Ok(new SearchResponse(page.Items, page.Total, page.Page, page.PageSize, page.Unemployment));
    }

    private static async Task<IResult> Register(HttpContext http, ZoneCommands commands, ZoneQueries queries, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<ZoneRequest>(http.Request, ct);
        var id = await commands.RegisterAsync(body.ToInput(), CallerScope.From(http.User), ct);
        return Results.Created($"/api/v1/zones/{id}", ZoneDetailsResponse.From(await queries.GetAsync(id, ct)));
    }

    private static async Task<IResult> Update(Guid id, HttpContext http, ZoneCommands commands, ZoneQueries queries, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<ZoneRequest>(http.Request, ct);
        await commands.UpdateAsync(id, body.ToInput(), body.ExpectedVersion ?? IfMatch(http.Request), CallerScope.From(http.User), ct);
        return Results.Ok(ZoneDetailsResponse.From(await queries.GetAsync(id, ct)));
    }

    private static async Task<IResult> AddPlot(Guid id, HttpContext http, PlotCommands commands, ZoneQueries queries, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<PlotRequest>(http.Request, ct);
        var plotId = await commands.AddAsync(id, body.ToInput(), CallerScope.From(http.User), ct);
        return Results.Created($"/api/v1/zones/{id}/plots/{plotId}", PlotResponse.From(await queries.GetPlotAsync(id, plotId, ct)));
    }

    private static async Task<IResult> UpdatePlot(Guid id, Guid plotId, HttpContext http, PlotCommands commands, ZoneQueries queries, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<PlotRequest>(http.Request, ct);
        await commands.UpdateAsync(id, plotId, body.ToInput(), body.ExpectedVersion ?? IfMatch(http.Request), CallerScope.From(http.User), ct);
        return Results.Ok(PlotResponse.From(await queries.GetPlotAsync(id, plotId, ct)));
    }

    // If-Match: "3" (or W/"3") is the version the client last read.
    private static int? IfMatch(HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString().Replace("W/", "", StringComparison.Ordinal).Trim('"', ' ');
        return int.TryParse(value, out var version) ? version : null;
    }
}
