using Microsoft.EntityFrameworkCore;
using Platform.Grpc;
using Platform.Grpc.Client;
using Reporting.Api.Clients;
using Reporting.Api.Persistence;
using ZonesPb = Platform.Contracts.Zones.V1;

namespace Reporting.Api.Application;

/// <summary>What the zones rebuild found and added.</summary>
public sealed record ZonesRebuilt(int Zones, int ZoneVersionsAdded, int Plots, int PlotVersionsAdded);

/// <summary>
/// Reloads zones and their plots from the zones service (SearchZones page by page, GetZone for the plots).
/// The zones service keeps only the current version of each zone and plot (with the time it was written),
/// so that is what comes back: versions already held — every version seen through events — stay, the current
/// one is added if missing. Area changes that happened before a lost read model cannot be recovered from it.
/// </summary>
public sealed class ZonesRebuild(ReportingDbContext db, IGrpcChannelFactory channels, TimeProvider clock, ILogger<ZonesRebuild> logger)
{
    public const string ZonesClient = "zones";

    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Service = ZonesPb.ZonesReflection.Descriptor.Services[0];
    private static readonly GrpcMethod<ZonesPb.SearchZonesRequest, ZonesPb.SearchZonesResponse> Search =
        GrpcMethod<ZonesPb.SearchZonesRequest, ZonesPb.SearchZonesResponse>.For(Service.FindMethodByName("SearchZones"));
    private static readonly GrpcMethod<ZonesPb.GetZoneRequest, ZonesPb.ZoneDetails> Get =
        GrpcMethod<ZonesPb.GetZoneRequest, ZonesPb.ZoneDetails>.For(Service.FindMethodByName("GetZone"));

    public async Task<ZonesRebuilt> RebuildAsync(CancellationToken ct)
    {
        GrpcChannel channel;
        try { channel = channels.GetChannel(ZonesClient); }
        catch (InvalidOperationException ex) { throw new SourceUnavailableException("Adres usługi stref nie jest skonfigurowany (GrpcClients:zones:Address).", ex); }
        int zones = 0, zoneVersions = 0, plots = 0, plotVersions = 0;
        for (var page = 1; ; page++)
        {
            var list = await channel.UnaryAsync(Search, new ZonesPb.SearchZonesRequest { Page = page, PageSize = 200, Sort = "name" }, Options(ct));
            foreach (var z in list.Zones)
            {
                var details = await channel.UnaryAsync(Get, new ZonesPb.GetZoneRequest { Id = z.Id }, Options(ct));
                var zone = details.Zone ?? z;
                zoneVersions += await InsertZoneAsync(zone, ct);
                foreach (var p in details.Plots) plotVersions += await InsertPlotAsync(p, zone.Gmina?.Teryt ?? "", ct);
                zones++;
                plots += details.Plots.Count;
            }
            if (list.Zones.Count == 0 || page * list.PageSize >= list.Total) break;
        }
        logger.LogInformation("Read model rebuilt from zones: {Zones} zones ({ZoneVersions} versions added), {Plots} plots ({PlotVersions} versions added)",
            zones, zoneVersions, plots, plotVersions);
        return new ZonesRebuilt(zones, zoneVersions, plots, plotVersions);
    }

    // ON CONFLICT: a version already stored (by its event) is the same version; it stays as it is.
    private Task<int> InsertZoneAsync(ZonesPb.ZoneSummary z, CancellationToken ct) => db.Database.ExecuteSqlInterpolatedAsync($"""
        INSERT INTO rm_zone_versions (zone_id, version, name, gmina_teryt, powiat_teryt, kind, state, total_area_ha, available_area_ha,
                                      year_established, occurred_at)
        VALUES ({Guid.Parse(z.Id)}, {z.Version}, {z.Name}, {z.Gmina?.Teryt ?? ""}, {z.Powiat?.Teryt ?? ""}, {z.Kind}, {z.State},
                {Hectares(z.TotalAreaHa)}, {Hectares(z.AvailableAreaHa)}, {(z.HasYearEstablished ? z.YearEstablished : (int?)null)}, {When(z.UpdatedAt)})
        ON CONFLICT DO NOTHING
        """, ct);

    private Task<int> InsertPlotAsync(ZonesPb.Plot p, string gminaTeryt, CancellationToken ct) => db.Database.ExecuteSqlInterpolatedAsync($"""
        INSERT INTO rm_plot_versions (plot_id, version, zone_id, parcel_id, gmina_teryt, area_ha, state, previous_state, occurred_at)
        VALUES ({Guid.Parse(p.Id)}, {p.Version}, {Guid.Parse(p.ZoneId)}, {p.ParcelId}, {gminaTeryt}, {Hectares(p.AreaHa)}, {p.State}, {(string?)null},
                {When(p.UpdatedAt)})
        ON CONFLICT DO NOTHING
        """, ct);

    // The register stores hectares with 4 decimals; the wire carries doubles.
    private static decimal Hectares(double ha) => Math.Round((decimal)ha, 4);

    private DateTimeOffset When(Google.Protobuf.WellKnownTypes.Timestamp? t) => t?.ToDateTimeOffset() ?? clock.GetUtcNow();

    private static CallOptions Options(CancellationToken ct) => new CallOptions(cancellationToken: ct).WithTimeout(TimeSpan.FromSeconds(30));
}
