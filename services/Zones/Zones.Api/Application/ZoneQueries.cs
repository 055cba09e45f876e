using Zones.Api.Domain;
using Zones.Api.Persistence;

namespace Zones.Api.Application;

/// <summary>The read use cases both transports call.</summary>
public sealed class ZoneQueries(ZoneReader reader, IUnemploymentRates unemployment)
{
    public async Task<SearchResult> SearchAsync(ZoneSearchCriteria criteria, bool withGeoJson, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        criteria.Validate(errors);
        errors.ThrowIfAny();
        var page = await reader.SearchAsync(criteria, withGeoJson, ct);
        var powiaty = page.Items.Select(z => z.Powiat.Teryt).Distinct().Order().ToList();
        return page with { Unemployment = await Task.WhenAll(powiaty.Select(p => unemployment.LatestForPowiatAsync(p, ct))) };
    }

    public async Task<ZoneDetailsView> GetAsync(Guid id, CancellationToken ct)
    {
        var found = await reader.GetAsync(id, ct) ?? throw new NotFoundException($"Nie ma strefy {id}.");
        var (zone, zoning, contact, description, boundary) = found;
        // The labour call runs while the database answers the other two queries.
        var rate = unemployment.LatestForPowiatAsync(zone.Powiat.Teryt, ct);
        var plots = await reader.PlotsAsync(id, ct);
        var distances = await reader.DistancesAsync(id, perKind: 3, ct);
        return new ZoneDetailsView(zone, zoning, contact, description, boundary, plots, distances, await rate);
    }

    public async Task<PlotView> GetPlotAsync(Guid zoneId, Guid plotId, CancellationToken ct) =>
        await reader.PlotAsync(zoneId, plotId, ct) ?? throw new NotFoundException($"Strefa {zoneId} nie ma działki {plotId}.");

    public async Task<IReadOnlyList<PlotView>> PlotsAsync(Guid zoneId, CancellationToken ct)
    {
        _ = await reader.GetAsync(zoneId, ct) ?? throw new NotFoundException($"Nie ma strefy {zoneId}.");
        return await reader.PlotsAsync(zoneId, ct);
    }

    public Task<IReadOnlyList<GminaSummaryView>> SummaryAsync(string? powiat, CancellationToken ct)
    {
        if (powiat is { Length: > 0 } && !Teryt.IsPowiat(powiat)) throw ValidationFailedException.Single("powiat", "Oczekiwano 4-cyfrowego kodu TERYT powiatu.");
        return reader.SummaryAsync(string.IsNullOrEmpty(powiat) ? null : powiat, ct);
    }

    public Task<IReadOnlyList<ReferencePlaceView>> ReferencePlacesAsync(string? kind, CancellationToken ct)
    {
        if (kind is { Length: > 0 } && !ReferencePlaceKind.All.Contains(kind))
            throw ValidationFailedException.Single("kind", $"Dozwolone: {string.Join(", ", ReferencePlaceKind.All)}.");
        return reader.ReferencePlacesAsync(string.IsNullOrEmpty(kind) ? null : kind, ct);
    }
}
