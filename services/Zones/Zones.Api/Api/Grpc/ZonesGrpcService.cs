using System.Text.Json;
using Platform.Grpc;
using Platform.ServiceDefaults.Identity;
using Zones.Api.Api.Rest;
using Zones.Api.Application;
using Pb = Platform.Contracts.Zones.V1;

namespace Zones.Api.Api.Grpc;

/// <summary>platform.zones.v1.Zones: thin translation to the same use cases REST calls.</summary>
public sealed class ZonesGrpcService(ZoneCommands zones, PlotCommands plots, ZoneQueries queries, ZoneHistoryExport history) : IGrpcService<ZonesGrpcService>
{
    public static Google.Protobuf.Reflection.ServiceDescriptor Descriptor => Pb.ZonesReflection.Descriptor.Services[0];

    public static void Bind(ServiceBinder<ZonesGrpcService> b) => b
        .Unary<Pb.RegisterZoneRequest, Pb.ZoneDetails>("RegisterZone", static (s, r, c) => s.RegisterZone(r, c))
        .Unary<Pb.UpdateZoneRequest, Pb.ZoneDetails>("UpdateZone", static (s, r, c) => s.UpdateZone(r, c))
        .Unary<Pb.GetZoneRequest, Pb.ZoneDetails>("GetZone", static (s, r, c) => s.GetZone(r, c))
        .Unary<Pb.SearchZonesRequest, Pb.SearchZonesResponse>("SearchZones", static (s, r, c) => s.SearchZones(r, c))
        .Unary<Pb.AddPlotRequest, Pb.Plot>("AddPlot", static (s, r, c) => s.AddPlot(r, c))
        .Unary<Pb.UpdatePlotRequest, Pb.Plot>("UpdatePlot", static (s, r, c) => s.UpdatePlot(r, c))
        .Unary<Pb.GetSummaryRequest, Pb.GetSummaryResponse>("GetSummary", static (s, r, c) => s.GetSummary(r, c))
        .Unary<Pb.ListReferencePlacesRequest, Pb.ListReferencePlacesResponse>("ListReferencePlaces", static (s, r, c) => s.ListReferencePlaces(r, c))
        .ServerStreaming<Pb.ExportZoneHistoryRequest, Pb.ZoneHistoryPage>("ExportZoneHistory", static (s, r, w, c) => s.ExportZoneHistory(r, w, c));

    public async Task<Pb.ZoneDetails> RegisterZone(Pb.RegisterZoneRequest r, ServerCallContext c)
    {
        var id = await zones.RegisterAsync(GrpcMappers.ToInput(r.Zone), CallerScope.From(c.User), c.CancellationToken);
        return GrpcMappers.ToProto(await queries.GetAsync(id, c.CancellationToken));
    }

    public async Task<Pb.ZoneDetails> UpdateZone(Pb.UpdateZoneRequest r, ServerCallContext c)
    {
        var id = Identifiers.Parse(r.Id, "id");
        await zones.UpdateAsync(id, GrpcMappers.ToInput(r.Zone), r.HasExpectedVersion ? r.ExpectedVersion : null, CallerScope.From(c.User), c.CancellationToken);
        return GrpcMappers.ToProto(await queries.GetAsync(id, c.CancellationToken));
    }

    public async Task<Pb.ZoneDetails> GetZone(Pb.GetZoneRequest r, ServerCallContext c) =>
        GrpcMappers.ToProto(await queries.GetAsync(Identifiers.Parse(r.Id, "id"), c.CancellationToken));

    public async Task<Pb.SearchZonesResponse> SearchZones(Pb.SearchZonesRequest r, ServerCallContext c)
    {
        var page = await queries.SearchAsync(GrpcMappers.ToCriteria(r), r.IncludeGeojson, c.CancellationToken);
        var response = new Pb.SearchZonesResponse { Total = page.Total, Page = page.Page, PageSize = page.PageSize };
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

    public async Task<Pb.Plot> AddPlot(Pb.AddPlotRequest r, ServerCallContext c)
    {
        var zoneId = Identifiers.Parse(r.ZoneId, "zone_id");
        var plotId = await plots.AddAsync(zoneId, GrpcMappers.ToInput(r.Plot), CallerScope.From(c.User), c.CancellationToken);
        return GrpcMappers.ToProto(await queries.GetPlotAsync(zoneId, plotId, c.CancellationToken));
    }

    public async Task<Pb.Plot> UpdatePlot(Pb.UpdatePlotRequest r, ServerCallContext c)
    {
        var zoneId = Identifiers.Parse(r.ZoneId, "zone_id");
        var plotId = Identifiers.Parse(r.PlotId, "plot_id");
        await plots.UpdateAsync(zoneId, plotId, GrpcMappers.ToInput(r.Plot), r.HasExpectedVersion ? r.ExpectedVersion : null, CallerScope.From(c.User), c.CancellationToken);
        return GrpcMappers.ToProto(await queries.GetPlotAsync(zoneId, plotId, c.CancellationToken));
    }

    public async Task<Pb.GetSummaryResponse> GetSummary(Pb.GetSummaryRequest r, ServerCallContext c)
    {
        var response = new Pb.GetSummaryResponse();
        response.Gminy.Add((await queries.SummaryAsync(r.Powiat, c.CancellationToken)).Select(GrpcMappers.ToProto));
        return response;
    }

    public async Task<Pb.ListReferencePlacesResponse> ListReferencePlaces(Pb.ListReferencePlacesRequest r, ServerCallContext c)
    {
        var response = new Pb.ListReferencePlacesResponse();
        response.Places.Add((await queries.ReferencePlacesAsync(r.Kind, c.CancellationToken)).Select(GrpcMappers.ToProto));
        return response;
    }

    // Page by page from the database to the wire: only one page is ever in memory.
    public async Task ExportZoneHistory(Pb.ExportZoneHistoryRequest r, IServerStreamWriter<Pb.ZoneHistoryPage> stream, ServerCallContext c)
    {
        var pages = history.ExportAsync(r.Cursor, r.PageSize, PlatformCaller.From(c.User), c.CancellationToken);
        await foreach (var page in pages.WithCancellation(c.CancellationToken))
            await stream.WriteAsync(HistoryMappers.ToProto(page), c.CancellationToken);
    }
}
