using System.Text.Json;
using Grpc.Core;
using Platform.ServiceDefaults.Grpc;
using Platform.ServiceDefaults.Identity;
using Platform.Territory.Persistence;
using Zones.Api.Api.Rest;
using Zones.Api.Application;
using Proto = Platform.Contracts.Zones.V1;

namespace Zones.Api.Api.Grpc;

/// <summary>platform.zones.v1.Zones: thin translation to the same use cases REST calls.</summary>
public sealed class ZonesGrpcService(ZoneCommands zones, PlotCommands plots, ZoneQueries queries, ZoneHistoryExport history, TerritoryRegisterCache register)
    : Proto.Zones.ZonesBase
{
    public override async Task<Proto.ZoneDetails> RegisterZone(Proto.RegisterZoneRequest r, ServerCallContext c)
    {
        var id = await zones.RegisterAsync(GrpcMappers.ToInput(r.Zone), CallerScope.From(c.User), c.CancellationToken);
        return GrpcMappers.ToProto(await queries.GetAsync(id, c.CancellationToken));
    }

    public override async Task<Proto.ZoneDetails> UpdateZone(Proto.UpdateZoneRequest r, ServerCallContext c)
    {
        var id = Identifiers.Parse(r.Id, "id");
        await zones.UpdateAsync(id, GrpcMappers.ToInput(r.Zone), r.HasExpectedVersion ? r.ExpectedVersion : null, CallerScope.From(c.User), c.CancellationToken);
        return GrpcMappers.ToProto(await queries.GetAsync(id, c.CancellationToken));
    }

    public override async Task<Proto.ZoneDetails> GetZone(Proto.GetZoneRequest r, ServerCallContext c) =>
        GrpcMappers.ToProto(await queries.GetAsync(Identifiers.Parse(r.Id, "id"), c.CancellationToken));

    public override async Task<Proto.SearchZonesResponse> SearchZones(Proto.SearchZonesRequest r, ServerCallContext c)
    {
        var page = await queries.SearchAsync(GrpcMappers.ToCriteria(r), r.IncludeGeojson, c.CancellationToken);
        var response = new Proto.SearchZonesResponse { Total = page.Total, Page = page.Page, PageSize = page.PageSize };
        response.Zones.Add(page.Items.Select(GrpcMappers.ToProto));
        response.Unemployment.Add(page.Unemployment.Select(GrpcMappers.ToProto));
        if (r.IncludeGeojson)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer)) GeoJsonFeatures.Write(writer, page, JsonBody.Options);
            response.FeatureCollectionGeojson = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }
        return response;
    }

    public override async Task<Proto.Plot> AddPlot(Proto.AddPlotRequest r, ServerCallContext c)
    {
        var zoneId = Identifiers.Parse(r.ZoneId, "zone_id");
        var plotId = await plots.AddAsync(zoneId, GrpcMappers.ToInput(r.Plot), CallerScope.From(c.User), c.CancellationToken);
        return GrpcMappers.ToProto(await queries.GetPlotAsync(zoneId, plotId, c.CancellationToken));
    }

    public override async Task<Proto.Plot> UpdatePlot(Proto.UpdatePlotRequest r, ServerCallContext c)
    {
        var zoneId = Identifiers.Parse(r.ZoneId, "zone_id");
        var plotId = Identifiers.Parse(r.PlotId, "plot_id");
        await plots.UpdateAsync(zoneId, plotId, GrpcMappers.ToInput(r.Plot), r.HasExpectedVersion ? r.ExpectedVersion : null, CallerScope.From(c.User), c.CancellationToken);
        return GrpcMappers.ToProto(await queries.GetPlotAsync(zoneId, plotId, c.CancellationToken));
    }

    public override async Task<Proto.GetSummaryResponse> GetSummary(Proto.GetSummaryRequest r, ServerCallContext c)
    {
        var response = new Proto.GetSummaryResponse();
        response.Gminy.Add((await queries.SummaryAsync(r.Powiat, c.CancellationToken)).Select(GrpcMappers.ToProto));
        return response;
    }

    public override async Task<Proto.ListReferencePlacesResponse> ListReferencePlaces(Proto.ListReferencePlacesRequest r, ServerCallContext c)
    {
        var response = new Proto.ListReferencePlacesResponse();
        response.Places.Add((await queries.ReferencePlacesAsync(r.Kind, c.CancellationToken)).Select(GrpcMappers.ToProto));
        return response;
    }

    // Page by page from the database to the wire: only one page is ever in memory.
    public override async Task ExportZoneHistory(Proto.ExportZoneHistoryRequest r, IServerStreamWriter<Proto.ZoneHistoryPage> stream, ServerCallContext c)
    {
        var pages = history.ExportAsync(r.Cursor, r.PageSize, PlatformCaller.From(c.User), c.CancellationToken);
        var units = await register.GetAsync(c.CancellationToken);
        await foreach (var page in pages.WithCancellation(c.CancellationToken))
            await stream.WriteAsync(HistoryMappers.ToProto(page, units), c.CancellationToken);
    }
}
