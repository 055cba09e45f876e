using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Identity;

namespace Reporting.Api.Application;

/// <summary>What a rebuild loaded, per source; a source not asked for is null.</summary>
public sealed record RebuildResult(CatalogueRebuilt? Catalogue, LabourRebuilt? Labour, ZonesRebuilt? Zones);

/// <summary>
/// The one rebuild command (REST and gRPC): reloads the chosen sources — catalogue, labour, zones; all when
/// none is named — over gRPC. Administrators only, refused before anything is read or written. Each source
/// is idempotent beside the event consumers, so a rebuild may run while events flow, and again.
/// </summary>
public sealed class ReadModelRebuild(CurrentCaller caller, CatalogueRebuild catalogue, LabourRebuild labour, ZonesRebuild zones)
{
    public const string Catalogue = "catalogue", Labour = "labour", Zones = "zones";
    public static readonly IReadOnlyList<string> Sources = [Catalogue, Labour, Zones];

    public async Task<RebuildResult> RebuildAsync(IReadOnlyCollection<string> sources, CancellationToken ct)
    {
        caller.DemandRole("odbudować modelu odczytu", PlatformRoles.Admin);
        var chosen = sources.Select(s => s.Trim().ToLowerInvariant()).Where(s => s.Length > 0).ToHashSet();
        var unknown = chosen.Except(Sources).ToList();
        if (unknown.Count > 0)
            throw new ValidationFailedException(new Dictionary<string, string[]>
            {
                ["sources"] = [$"Nieznane źródło: {string.Join(", ", unknown)}; dostępne: {string.Join(", ", Sources)}."],
            });
        if (chosen.Count == 0) chosen = [.. Sources];

        // Zones and the catalogue first: they are small; the figures may be a million rows.
        var z = chosen.Contains(Zones) ? await zones.RebuildAsync(ct) : null;
        var c = chosen.Contains(Catalogue) ? await catalogue.RebuildAsync(ct) : null;
        var l = chosen.Contains(Labour) ? await labour.RebuildAsync(ct) : null;
        return new RebuildResult(c, l, z);
    }
}
