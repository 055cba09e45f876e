using System.Net;
using System.Net.Http.Json;
using Grpc.Core;
using Platform.ServiceDefaults.Grpc;
using Platform.ServiceDefaults.Identity;
using Proto = Platform.Contracts.Zones.V1;
using static Zones.Tests.TestData;

namespace Zones.Tests;

/// <summary>Role and territory checks on writes (the identity the gateway signs), plots over gRPC, and a zone boundary that must keep holding its plots.</summary>
public sealed class RulesTests(ZonesFixture fixture) : IClassFixture<ZonesFixture>
{

    [Fact]
    public async Task A_planner_writes_only_in_their_territory_and_anonymous_callers_only_read()
    {
        async Task<HttpStatusCode> Post(HttpClient client, string name, string gmina, double lon)
        {
            using var response = await client.PostAsJsonAsync("api/v1/zones", Zone(name, Rect.Around(lon, 50.13, 400), gmina));
            return response.StatusCode;
        }
        using var trzebinia = fixture.Client(territory: Trzebinia);
        using var anonymous = fixture.AnonymousClient();
        using var analyst = fixture.Client(role: PlatformRoles.Analyst);
        Assert.Equal(HttpStatusCode.Created, await Post(trzebinia, "Własna strefa", Trzebinia, 19.46));
        Assert.Equal(HttpStatusCode.Forbidden, await Post(trzebinia, "Cudza strefa", Chrzanow, 19.40));
        Assert.Equal(HttpStatusCode.Unauthorized, await Post(anonymous, "Anonimowa strefa", Trzebinia, 19.47));
        Assert.Equal(HttpStatusCode.Forbidden, await Post(analyst, "Strefa analityka", Trzebinia, 19.48));
        // A powiat planner covers its gminy.
        using var powiat = fixture.Client(territory: "1203");
        Assert.Equal(HttpStatusCode.Created, await Post(powiat, "Strefa powiatu", Chrzanow, 19.41));

        var own = (await GetJsonAsync(anonymous, "api/v1/zones?pageSize=200")).GetProperty("items").EnumerateArray()
            .Single(z => z.GetProperty("name").GetString() == "Własna strefa");
        var id = own.GetProperty("id").GetGuid();
        // Moving the zone to a gmina outside the territory is refused as well.
        using (var moved = await trzebinia.PutAsJsonAsync($"api/v1/zones/{id}", Zone("Własna strefa", Rect.Around(19.46, 50.13, 400), Chrzanow)))
            Assert.Equal(HttpStatusCode.Forbidden, moved.StatusCode);

        var input = new Proto.ZoneInput
        {
            Name = "Strefa gRPC spoza obszaru", GminaTeryt = Chrzanow, Kind = "sag", State = "planned", Ownership = "municipal",
            TotalAreaHa = 4, AvailableAreaHa = 4, BoundaryGeojson = Rect.Around(19.42, 50.12, 200).GeoJson().ToJsonString(),
        };
        var unauthenticated = await Assert.ThrowsAsync<RpcException>(() => fixture.GrpcClient.RegisterZoneAsync(new Proto.RegisterZoneRequest { Zone = input }, fixture.Anonymous()).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, unauthenticated.StatusCode);
        var denied = await Assert.ThrowsAsync<RpcException>(() => fixture.GrpcClient.RegisterZoneAsync(new Proto.RegisterZoneRequest { Zone = input }, fixture.Planner(Trzebinia)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);

        var names = (await GetJsonAsync(anonymous, "api/v1/zones?pageSize=200")).GetProperty("items").EnumerateArray()
            .Select(z => z.GetProperty("name").GetString()).ToList();
        Assert.Contains("Strefa powiatu", names);
        Assert.DoesNotContain("Cudza strefa", names);
        Assert.DoesNotContain("Anonimowa strefa", names);
        Assert.DoesNotContain("Strefa analityka", names);
        Assert.DoesNotContain("Strefa gRPC spoza obszaru", names);
    }

    [Fact]
    public async Task Plots_over_grpc_and_a_boundary_that_would_drop_a_plot()
    {
        using var client = fixture.Client();
        var rect = Rect.Around(19.50, 50.19, 600);
        var zone = (await PostZoneAsync(client, Zone("Strefa gRPC działek", rect, total: 36))).GetProperty("zone").GetProperty("id").GetString()!;
        var inside = new Rect(rect.MaxLon - 0.002, rect.MaxLat - 0.002, rect.MaxLon - 0.001, rect.MaxLat - 0.001);
        var plot = await fixture.GrpcClient.AddPlotAsync(new Proto.AddPlotRequest
        {
            ZoneId = zone,
            Plot = new Proto.PlotInput { ParcelId = "7/1", AreaHa = 0.5, State = "available", BoundaryGeojson = inside.GeoJson().ToJsonString() },
        }, fixture.Planner());
        Assert.Equal(1, plot.Version);
        Assert.True(plot.HasComputedAreaHa);

        var outside = new Rect(rect.MaxLon, rect.MaxLat, rect.MaxLon + 0.001, rect.MaxLat + 0.001);
        var ex = await Assert.ThrowsAsync<RpcException>(() => fixture.GrpcClient.AddPlotAsync(new Proto.AddPlotRequest
        {
            ZoneId = zone,
            Plot = new Proto.PlotInput { ParcelId = "7/2", AreaHa = 0.5, State = "available", BoundaryGeojson = outside.GeoJson().ToJsonString() },
        }, fixture.Planner()).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(ex.FieldViolations(), v => v.Field == "boundary_geojson");

        var sold = await fixture.GrpcClient.UpdatePlotAsync(new Proto.UpdatePlotRequest
        {
            ZoneId = zone, PlotId = plot.Id, ExpectedVersion = 1,
            Plot = new Proto.PlotInput { ParcelId = "7/1", AreaHa = 0.5, State = "sold", BoundaryGeojson = inside.GeoJson().ToJsonString() },
        }, fixture.Planner());
        Assert.Equal("sold", sold.State);
        var stale = await Assert.ThrowsAsync<RpcException>(() => fixture.GrpcClient.UpdatePlotAsync(new Proto.UpdatePlotRequest
        {
            ZoneId = zone, PlotId = plot.Id, ExpectedVersion = 1,
            Plot = new Proto.PlotInput { ParcelId = "7/1", AreaHa = 0.5, State = "reserved" },
        }, fixture.Planner()).ResponseAsync);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);

        // Shrinking the zone to its south-west half would leave plot 7/1 outside.
        var half = new Rect(rect.MinLon, rect.MinLat, (rect.MinLon + rect.MaxLon) / 2, (rect.MinLat + rect.MaxLat) / 2);
        using var refused = await client.PutAsJsonAsync($"api/v1/zones/{zone}", Zone("Strefa gRPC działek", half, total: 9, available: 9));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("7/1", await refused.Content.ReadAsStringAsync());
        var details = await GetJsonAsync(client, $"api/v1/zones/{zone}");
        Assert.Equal(1, details.GetProperty("zone").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Reference_places_and_grpc_summary_are_served()
    {
        var places = await fixture.GrpcClient.ListReferencePlacesAsync(new Proto.ListReferencePlacesRequest { Kind = "town_centre" }, fixture.Anonymous());
        Assert.All(places.Places, p => Assert.Equal("town_centre", p.Kind));
        var summary = await fixture.GrpcClient.GetSummaryAsync(new Proto.GetSummaryRequest { Powiat = "1203" }, fixture.Anonymous());
        Assert.Equal(5, summary.Gminy.Count);
        var bad = await Assert.ThrowsAsync<RpcException>(() => fixture.GrpcClient.ListReferencePlacesAsync(new Proto.ListReferencePlacesRequest { Kind = "airport" }, fixture.Anonymous()).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Contains(bad.FieldViolations(), v => v.Field == "kind");
    }
}
