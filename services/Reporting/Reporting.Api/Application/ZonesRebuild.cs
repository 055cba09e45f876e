using Microsoft.EntityFrameworkCore;
using Reporting.Api.Clients;
using Reporting.Api.Persistence;
using ZonesPb = Platform.Contracts.Zones.V1;

namespace Reporting.Api.Application;

/// <summary>What the zones rebuild found (distinct zones and plots) and added (versions not yet held).</summary>
public sealed record ZonesRebuilt(int Zones, int ZoneVersionsAdded, int Plots, int PlotVersionsAdded);

/// <summary>
/// Reloads every version of every zone and plot from the zones service (ExportZoneHistory, peer "zones"; the client
/// policy signs the call as reporting and gives it the streaming deadline), so the changes over a period come back
/// after a lost read model, not only the current state.
/// Versions already held (seen through events) stay as they are; a broken stream resumes after the last page taken.
/// </summary>
public sealed class ZonesRebuild(ReportingDbContext db, ZonesPb.Zones.ZonesClient client, ILogger<ZonesRebuild> logger)
{
    public const string Peer = "zones";

    public async Task<ZonesRebuilt> RebuildAsync(CancellationToken ct)
    {
        HashSet<string> zones = [], plots = [];
        int zoneVersions = 0, plotVersions = 0;
        var cursor = "";
        var pages = ResumableStream.ReadAsync(() => client.ExportZoneHistory(
                new ZonesPb.ExportZoneHistoryRequest { Cursor = cursor, PageSize = 2000 }, cancellationToken: ct),
            "Usługa stref nie odpowiada; historia stref nie została wczytana", logger, ct);
        await foreach (var page in pages)
        {
            zoneVersions += await InsertZonesAsync(page.Zones, ct);
            plotVersions += await InsertPlotsAsync(page.Plots, ct);
            zones.UnionWith(page.Zones.Select(z => z.ZoneId));
            plots.UnionWith(page.Plots.Select(p => p.PlotId));
            cursor = page.Cursor;
        }
        logger.LogInformation("Read model rebuilt from zones: {Zones} zones ({ZoneVersions} versions added), {Plots} plots ({PlotVersions} versions added)",
            zones.Count, zoneVersions, plots.Count, plotVersions);
        return new ZonesRebuilt(zones.Count, zoneVersions, plots.Count, plotVersions);
    }

    // One statement per page. ON CONFLICT: a version already stored (by its event) is the same version; it stays.
    private async Task<int> InsertZonesAsync(IReadOnlyList<ZonesPb.ZoneVersion> page, CancellationToken ct) => page.Count == 0 ? 0 :
        await db.Database.ExecuteSqlInterpolatedAsync($"""
        INSERT INTO rm_zone_versions (zone_id, version, name, gmina_teryt, powiat_teryt, kind, state, total_area_ha, available_area_ha,
                                      year_established, occurred_at)
        SELECT * FROM unnest({page.Select(z => Guid.Parse(z.ZoneId)).ToArray()}, {page.Select(z => z.Version).ToArray()},
            {page.Select(z => z.Name).ToArray()}, {page.Select(z => z.GminaTeryt).ToArray()}, {page.Select(z => z.PowiatTeryt).ToArray()},
            {page.Select(z => z.Kind).ToArray()}, {page.Select(z => z.State).ToArray()}, {page.Select(z => Hectares(z.TotalAreaHa)).ToArray()},
            {page.Select(z => Hectares(z.AvailableAreaHa)).ToArray()}, {page.Select(z => z.HasYearEstablished ? z.YearEstablished : (int?)null).ToArray()},
            {page.Select(z => z.WrittenAt.ToDateTimeOffset()).ToArray()})
        ON CONFLICT DO NOTHING
        """, ct);

    private async Task<int> InsertPlotsAsync(IReadOnlyList<ZonesPb.PlotVersion> page, CancellationToken ct) => page.Count == 0 ? 0 :
        await db.Database.ExecuteSqlInterpolatedAsync($"""
        INSERT INTO rm_plot_versions (plot_id, version, zone_id, parcel_id, gmina_teryt, area_ha, state, previous_state, occurred_at)
        SELECT * FROM unnest({page.Select(p => Guid.Parse(p.PlotId)).ToArray()}, {page.Select(p => p.Version).ToArray()},
            {page.Select(p => Guid.Parse(p.ZoneId)).ToArray()}, {page.Select(p => p.ParcelId).ToArray()}, {page.Select(p => p.GminaTeryt).ToArray()},
            {page.Select(p => Hectares(p.AreaHa)).ToArray()}, {page.Select(p => p.State).ToArray()},
            {page.Select(p => p.PreviousState.Length == 0 ? null : p.PreviousState).ToArray()}, {page.Select(p => p.WrittenAt.ToDateTimeOffset()).ToArray()})
        ON CONFLICT DO NOTHING
        """, ct);

    // The register stores hectares with 4 decimals; the wire carries doubles.
    private static decimal Hectares(double ha) => Math.Round((decimal)ha, 4);
}
