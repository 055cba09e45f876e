using System.Globalization;
using Platform.Territory;
using Platform.Territory.Persistence;
using Zones.Api.Domain;
using Zones.Api.Persistence;

namespace Zones.Api.Application;

/// <summary>The read use cases both transports call; units checked against and named from the copy of the TERYT register.</summary>
public sealed class ZoneQueries(ZoneReader reader, IUnemploymentRates unemployment, TerritoryRegisterCache registerCache)
{
    private static readonly StringComparer PolishNames = StringComparer.Create(CultureInfo.GetCultureInfo("pl-PL"), ignoreCase: false);

    public async Task<SearchResult> SearchAsync(ZoneSearchCriteria criteria, bool withGeoJson, CancellationToken ct)
    {
        var register = await registerCache.GetAsync(ct);
        var errors = new ValidationErrors();
        criteria.Validate(errors, register);
        errors.ThrowIfAny();
        var page = await reader.SearchAsync(criteria.Resolve(register), withGeoJson, register, ct);
        var powiaty = page.Items.Select(z => z.Powiat.Teryt).Distinct().Order().ToList();
        return page with { Unemployment = await Task.WhenAll(powiaty.Select(p => unemployment.LatestForPowiatAsync(p, ct))) };
    }

    public async Task<ZoneDetailsView> GetAsync(Guid id, CancellationToken ct)
    {
        var found = await reader.GetAsync(id, await registerCache.GetAsync(ct), ct) ?? throw new NotFoundException($"Nie ma strefy {id}.");
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
        _ = await reader.GetAsync(zoneId, await registerCache.GetAsync(ct), ct) ?? throw new NotFoundException($"Nie ma strefy {zoneId}.");
        return await reader.PlotsAsync(zoneId, ct);
    }

    /// <summary>
    /// Zones and hectares per gmina: with a powiat, every current gmina of it (zero where there is no zone: absence is
    /// information) and any former one still holding zones; without one, the gminy that hold zones. By powiat, then name.
    /// </summary>
    public async Task<IReadOnlyList<GminaSummaryView>> SummaryAsync(string? powiat, CancellationToken ct)
    {
        var register = await registerCache.GetAsync(ct);
        var errors = new ValidationErrors();
        if (!string.IsNullOrEmpty(powiat)) RegisterRules.FilterUnits(errors, "powiat", [powiat], UnitLevels.Powiat, register);
        errors.ThrowIfAny();

        IReadOnlyDictionary<string, GminaTotals> totals;
        IEnumerable<string> gminy;
        if (string.IsNullOrEmpty(powiat))
        {
            totals = await reader.TotalsPerGminaAsync(null, ct);
            gminy = totals.Keys;
        }
        else
        {
            var within = RegisterRules.GminyWithin(register, [powiat]);
            totals = await reader.TotalsPerGminaAsync(within, ct);
            gminy = register.Descendants(powiat, UnitLevels.Gmina).Select(g => g.Code).Union(totals.Keys);
        }
        return gminy
            .Select(g => (Gmina: RegisterRules.Gmina(register, g), Powiat: RegisterRules.PowiatOf(register, g)))
            .OrderBy(x => x.Powiat.Teryt, StringComparer.Ordinal).ThenBy(x => x.Gmina.Name, PolishNames).ThenBy(x => x.Gmina.Teryt, StringComparer.Ordinal)
            .Select(x =>
            {
                var t = totals.GetValueOrDefault(x.Gmina.Teryt, GminaTotals.None);
                return new GminaSummaryView(x.Gmina, x.Powiat, t.Zones, t.TotalAreaHa, t.AvailableAreaHa);
            })
            .ToList();
    }

    public Task<IReadOnlyList<ReferencePlaceView>> ReferencePlacesAsync(string? kind, CancellationToken ct)
    {
        if (kind is { Length: > 0 } && !ReferencePlaceKind.All.Contains(kind))
            throw ValidationFailedException.Single("kind", $"Dozwolone: {string.Join(", ", ReferencePlaceKind.All)}.");
        return reader.ReferencePlacesAsync(string.IsNullOrEmpty(kind) ? null : kind, ct);
    }
}
