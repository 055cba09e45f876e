using Microsoft.EntityFrameworkCore;
using Platform.Territory;
using Platform.Territory.Persistence;
using Reporting.Api.Persistence;
using Reporting.Api.ReadModel;

namespace Reporting.Api.Application;

/// <summary>
/// The data of one report as it stood at the cut-off: the newest version of every entry, figure and
/// zone that happened up to then, and the copy of the TERYT register that names the units. Everything in the report
/// is computed from this and nothing else.
/// </summary>
public sealed record ReportSnapshot(
    RmStrategy Strategy,
    IReadOnlyList<RmNode> Nodes,
    IReadOnlyList<RmEntry> Entries,
    IReadOnlyList<RmObservation> Observations,
    IReadOnlyList<RmObservation> RevisedAfterCutOff,
    IReadOnlyList<RmZoneVersion> Zones,
    IReadOnlyList<RmZoneVersion> ZoneHistory,
    IReadOnlyList<RmPlotVersion> Plots,
    IReadOnlyList<RmPlotVersion> PlotHistory,
    TerritoryIndex Register);

public static class SnapshotLoader
{
    /// <summary>With the register read from the service's copy in <paramref name="db"/> (for a caller without the shared cache).</summary>
    public static async Task<ReportSnapshot> LoadAsync(ReportingDbContext db, Guid strategyId, DateTimeOffset cutOff, CancellationToken ct)
    {
        var store = new TerritoryRegisterStore<ReportingDbContext>(db);
        var version = await store.GetVersionAsync(ct);
        var register = TerritoryIndex.Build(await store.LoadUnitsAsync(ct), version?.Version ?? 0, version?.StateAsOf);
        return await LoadAsync(db, register, strategyId, cutOff, ct);
    }

    public static async Task<ReportSnapshot> LoadAsync(ReportingDbContext db, TerritoryIndex register, Guid strategyId, DateTimeOffset cutOff, CancellationToken ct)
    {
        var strategy = await db.Strategies.AsNoTracking().SingleOrDefaultAsync(s => s.Id == strategyId, ct)
            ?? throw new NotFound($"Strategy {strategyId} is not in the reporting read model.");
        var nodes = await db.Nodes.AsNoTracking().Where(n => n.StrategyId == strategyId).OrderBy(n => n.SortOrder).ToListAsync(ct);

        // Newest version of each entry recorded up to the cut-off.
        var entries = (await db.Entries.AsNoTracking()
                .Where(e => e.StrategyId == strategyId && e.OccurredAt <= cutOff).ToListAsync(ct))
            .GroupBy(e => e.EntryId)
            .Select(g => g.MaxBy(e => e.Version)!)
            .ToList();

        // Figures: only the territory's units matter, but the owner's units decide which; load the territory prefix.
        var prefixes = strategy.OwnerUnits.Select(u => u.Length >= 4 ? u[..4] : u).Distinct().ToArray();
        var allFigures = new List<RmObservation>();
        foreach (var p in prefixes)
            allFigures.AddRange(await db.Observations.AsNoTracking().Where(o => o.Unit.StartsWith(p)).ToListAsync(ct));
        var known = allFigures.Where(o => o.ReceivedAt <= cutOff)
            .GroupBy(o => (o.Indicator, o.Unit, o.Period, o.Breakdown))
            .Select(g => g.MaxBy(o => o.Revision)!)
            .ToList();
        var knownKeys = known.ToDictionary(o => (o.Indicator, o.Unit, o.Period, o.Breakdown), o => o.Revision);
        var revised = allFigures
            .Where(o => o.ReceivedAt > cutOff && knownKeys.TryGetValue((o.Indicator, o.Unit, o.Period, o.Breakdown), out var rev) && o.Revision > rev)
            .GroupBy(o => (o.Indicator, o.Unit, o.Period, o.Breakdown))
            .Select(g => g.MaxBy(o => o.Revision)!)
            .OrderBy(o => o.Indicator, StringComparer.Ordinal).ThenBy(o => o.Unit, StringComparer.Ordinal)
            .ThenBy(o => o.Period, StringComparer.Ordinal).ThenBy(o => o.Breakdown, StringComparer.Ordinal)
            .ToList();

        var zoneHistory = new List<RmZoneVersion>();
        foreach (var p in prefixes)
            zoneHistory.AddRange(await db.ZoneVersions.AsNoTracking().Where(z => z.GminaTeryt.StartsWith(p) && z.OccurredAt <= cutOff).ToListAsync(ct));
        var zones = zoneHistory.GroupBy(z => z.ZoneId).Select(g => g.MaxBy(z => z.Version)!).ToList();

        var plotHistory = new List<RmPlotVersion>();
        foreach (var p in prefixes)
            plotHistory.AddRange(await db.PlotVersions.AsNoTracking().Where(x => x.GminaTeryt.StartsWith(p) && x.OccurredAt <= cutOff).ToListAsync(ct));
        var plots = plotHistory.GroupBy(x => x.PlotId).Select(g => g.MaxBy(x => x.Version)!).ToList();

        return new ReportSnapshot(strategy, nodes, entries, known, revised, zones, zoneHistory, plots, plotHistory, register);
    }
}
