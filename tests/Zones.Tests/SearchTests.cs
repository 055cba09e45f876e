using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Grpc.Core;
using Platform.ServiceDefaults.Grpc;
using Zones.Api.Persistence;
using Proto = Platform.Contracts.Zones.V1;
using static Zones.Tests.TestData;

namespace Zones.Tests;

/// <summary>
/// A hand-made layout around a point P near Nowy Sącz, with answers known by construction: squares
/// of 400 m whose nearest corner lies at a chosen geodesic distance from P (A at 4.998 km just inside
/// a 5 km radius, B at 5.002 km just outside), attributes varied so each filter removes known zones,
/// and one motorway junction 20 km east of P.
/// </summary>
public sealed class SearchTests(ZonesFixture fixture) : IClassFixture<ZonesFixture>
{
    private const double PLon = 20.70, PLat = 49.62;
    private const double Side = 400;
    private static readonly (double Lon, double Lat) Junction = Geodesy.Destination(PLon, PLat, 90, 20_000);

    private static readonly Dictionary<string, Rect> Rects = new()
    {
        ["A"] = Rect.CornerAt(PLon, PLat, 45, 4998, Side),
        ["B"] = Rect.CornerAt(PLon, PLat, 225, 5002, Side),
        ["C"] = Rect.CornerAt(PLon, PLat, 315, 2000, Side),
        ["D"] = Rect.CornerAt(PLon, PLat, 135, 3000, Side),
        ["E"] = Rect.CornerAt(PLon, PLat, 45, 1000, Side),
        // G declares 40 ha, so its square is that large (a boundary must match its declared area within a factor 1.5).
        ["G"] = Rect.Around(Geodesy.Destination(PLon, PLat, 0, 30_000).Lon, Geodesy.Destination(PLon, PLat, 0, 30_000).Lat, 640),
    };

    private readonly Dictionary<string, Guid> _ids = [];

    private async Task SeedAsync()
    {
        await fixture.SeedOnceAsync("search", async () =>
        {
            await fixture.Host.Services.GetRequiredService<ReferencePlaceStore>().UpsertAsync(
                [new ReferencePlaceInput(Guid.NewGuid(), "test-junction", "motorway_junction", "Węzeł testowy", "A4", Junction.Lon, Junction.Lat, false)], default);
            using var client = fixture.Client();
            foreach (var (name, body) in Bodies()) await PostZoneAsync(client, body);
        });
        using var c = fixture.Client();
        var all = await GetJsonAsync(c, "api/v1/zones?pageSize=200");
        foreach (var item in all.GetProperty("items").EnumerateArray())
            _ids[item.GetProperty("name").GetString()!] = item.GetProperty("id").GetGuid();
    }

    private static IEnumerable<(string, JsonObject)> Bodies()
    {
        JsonObject Make(string name, string gmina, double available, bool sewage, string? sse, double? price, string state, string kind)
        {
            var body = Zone(name, Rects[name], gmina, total: Math.Max(16, available), available: available);
            body["utilities"] = new JsonObject { ["water"] = "available", ["sewage"] = sewage ? "available" : "planned" };
            body["sseName"] = sse;
            body["priceMinPlnM2"] = price;
            body["priceMaxPlnM2"] = price is null ? null : price + 40;
            body["state"] = state;
            body["kind"] = kind;
            return body;
        }
        yield return ("A", Make("A", NowySacz, 12, true, "Krakowska SSE", 80, "operating", "sag"));
        yield return ("B", Make("B", NowySacz, 12, true, "Krakowska SSE", 80, "operating", "sag"));
        yield return ("C", Make("C", NowySacz, 8, true, null, 60, "expanding", "industrial_park"));
        yield return ("D", Make("D", Tarnow, 15, false, null, 150, "operating", "sag"));
        yield return ("E", Make("E", Tarnow, 11, true, null, null, "in_preparation", "brownfield"));
        yield return ("G", Make("G", NowySacz, 40, true, "Krakowska SSE", 50, "operating", "sag"));
    }

    private async Task<List<string>> NamesAsync(string query)
    {
        await SeedAsync();
        using var client = fixture.Client();
        var page = await GetJsonAsync(client, "api/v1/zones?" + query);
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToList();
    }

    private static string Near => $"near={F(PLon)},{F(PLat)}";

    [Fact]
    public async Task Radius_includes_a_zone_just_inside_and_excludes_one_just_outside()
    {
        Assert.Equal(["A", "C", "D", "E"], (await NamesAsync($"{Near}&radiusKm=5&sort=name")).Order());
        Assert.Equal(["A", "B", "C", "D", "E"], (await NamesAsync($"{Near}&radiusKm=5.01&sort=name")).Order());
        // C's corner is 2000 m from P: one metre either side decides.
        Assert.Equal(["C", "E"], (await NamesAsync($"{Near}&radiusKm=2.001&sort=name")).Order());
        Assert.Equal(["E"], await NamesAsync($"{Near}&radiusKm=1.999&sort=name"));
    }

    [Fact]
    public async Task Planner_query_combines_area_utilities_radius_and_sse()
    {
        Assert.Equal(["E", "A"], await NamesAsync($"{Near}&radiusKm=5&minAvailableHa=10&utilities=water,sewage"));
        Assert.Equal(["A"], await NamesAsync($"{Near}&radiusKm=5&minAvailableHa=10&utilities=water,sewage&sse=true"));
        Assert.Equal(["E", "D"], await NamesAsync($"{Near}&radiusKm=5&minAvailableHa=10&utilities=water&sse=false&sort=distance"));
    }

    [Fact]
    public async Task Attribute_filters_return_exactly_their_zones()
    {
        Assert.Equal(["C", "G"], await NamesAsync("maxPrice=70&sort=name"));
        Assert.Equal(["D", "E"], await NamesAsync($"gmina={Tarnow}&sort=name"));
        Assert.Equal(["A", "B", "C", "G"], await NamesAsync("powiat=1262&sort=name"));
        Assert.Equal(["A", "B", "D", "G"], await NamesAsync("state=operating&kind=sag&sort=name"));
        Assert.Equal(["C", "E"], await NamesAsync("state=expanding,in_preparation&sort=name"));
        Assert.Equal(["G"], await NamesAsync("minAvailableHa=40"));
        Assert.Equal(["G", "D", "A", "B", "E", "C"], await NamesAsync("sort=-area"));
    }

    [Fact]
    public async Task Bounding_box_and_polygon_select_what_they_intersect()
    {
        var a = Rects["A"];
        Assert.Equal(["A"], await NamesAsync($"bbox={F(a.MinLon)},{F(a.MinLat)},{F(a.MaxLon)},{F(a.MaxLat)}"));
        // A box between A and E (they are 1.4–5 km apart on the same diagonal) touches neither.
        var e = Rects["E"];
        Assert.Empty(await NamesAsync($"bbox={F(e.MaxLon + 0.001)},{F(e.MaxLat + 0.001)},{F(a.MinLon - 0.001)},{F(a.MinLat - 0.001)}"));
        var d = Rects["D"];
        var inner = new Rect(d.MinLon + 0.001, d.MinLat + 0.001, d.MinLon + 0.002, d.MinLat + 0.002);
        Assert.Equal(["D"], await NamesAsync("polygon=" + Uri.EscapeDataString(inner.GeoJson().ToJsonString())));
    }

    [Fact]
    public async Task Sorting_by_distance_pages_and_reports_distances_that_match_vincenty()
    {
        await SeedAsync();
        using var client = fixture.Client();
        var all = await GetJsonAsync(client, $"api/v1/zones?{Near}&radiusKm=10&sort=distance");
        var names = all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToList();
        Assert.Equal(["E", "C", "D", "A", "B"], names);
        var expected = new Dictionary<string, double> { ["E"] = 1000, ["C"] = 2000, ["D"] = 3000, ["A"] = 4998, ["B"] = 5002 };
        foreach (var item in all.GetProperty("items").EnumerateArray())
        {
            var reference = expected[item.GetProperty("name").GetString()!] / 1000;
            var km = item.GetProperty("distanceKm").GetDouble();
            Assert.True(Math.Abs(km - reference) / reference < 0.001, $"{item.GetProperty("name")}: {km} km vs Vincenty {reference} km");
        }

        var page2 = await GetJsonAsync(client, $"api/v1/zones?{Near}&radiusKm=10&sort=distance&page=2&pageSize=2");
        Assert.Equal(["D", "A"], page2.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        Assert.Equal(5, page2.GetProperty("total").GetInt32());
        Assert.Equal(2, page2.GetProperty("pageSize").GetInt32());
        var beyond = await GetJsonAsync(client, $"api/v1/zones?{Near}&radiusKm=10&page=9&pageSize=2");
        Assert.Empty(beyond.GetProperty("items").EnumerateArray());
        Assert.Equal(5, beyond.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Motorway_distance_is_computed_and_filters_as_an_independent_reference_says()
    {
        await SeedAsync();
        using var client = fixture.Client();
        var all = await GetJsonAsync(client, "api/v1/zones?pageSize=50");
        var reference = new Dictionary<string, double>();
        foreach (var item in all.GetProperty("items").EnumerateArray())
        {
            var name = item.GetProperty("name").GetString()!;
            reference[name] = Geodesy.DistanceToRectangle(Junction.Lon, Junction.Lat, Rects[name].Tuple) / 1000;
            var km = item.GetProperty("motorwayKm").GetDouble();
            Assert.True(Math.Abs(km - reference[name]) / reference[name] < 0.01, $"{name}: motorway {km} km vs reference {reference[name]} km");
            Assert.Equal("Węzeł testowy", item.GetProperty("nearestJunction").GetString());
        }
        foreach (var threshold in new[] { 17.0, 19.0, 21.0, 25.0 })
        {
            Assert.DoesNotContain(reference.Values, v => Math.Abs(v - threshold) < 0.05);
            var expected = reference.Where(r => r.Value <= threshold).Select(r => r.Key).Order().ToList();
            Assert.Equal(expected, (await NamesAsync($"maxMotorwayKm={F(threshold)}&sort=name")).Order());
        }
    }

    [Fact]
    public async Task GeoJson_is_served_for_the_geo_json_media_type()
    {
        await SeedAsync();
        using var client = fixture.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/zones?{Near}&radiusKm=5&sort=distance");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/geo+json"));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var fc = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("FeatureCollection", fc.GetProperty("type").GetString());
        var features = fc.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(4, features.Count);
        Assert.Equal(4, fc.GetProperty("total").GetInt32());
        Assert.All(features, f => Assert.Equal("MultiPolygon", f.GetProperty("geometry").GetProperty("type").GetString()));
        Assert.Equal("E", features[0].GetProperty("properties").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Grpc_search_returns_the_same_zones_as_rest()
    {
        await SeedAsync();
        var request = new Proto.SearchZonesRequest
        {
            Near = new Proto.Point { Lon = PLon, Lat = PLat }, RadiusKm = 5, MinAvailableHa = 10, Sort = "distance", IncludeGeojson = true,
        };
        request.Utilities.Add(["water", "sewage"]);
        var response = await fixture.GrpcClient.SearchZonesAsync(request, fixture.Anonymous());
        Assert.Equal(["E", "A"], response.Zones.Select(z => z.Name));
        Assert.Equal(2, response.Total);
        Assert.Equal(1.0, response.Zones[0].DistanceKm, 3);
        Assert.Equal(2, JsonDocument.Parse(response.FeatureCollectionGeojson).RootElement.GetProperty("features").GetArrayLength());
    }

    [Fact]
    public async Task Bad_query_parameters_are_400_naming_each_parameter()
    {
        using var client = fixture.Client();
        using var response = await client.GetAsync("api/v1/zones?radiusKm=5&bbox=1,2,3&minAvailableHa=abc&sort=height&pageSize=0&state=closed");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        foreach (var field in new[] { "radiusKm", "bbox", "minAvailableHa", "sort", "pageSize", "state" })
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");

        var ex = await Assert.ThrowsAsync<RpcException>(() => fixture.GrpcClient.SearchZonesAsync(new Proto.SearchZonesRequest { RadiusKm = 3, PageSize = 500 }, fixture.Anonymous()).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(ex.FieldViolations(), v => v.Field == "radius_km");
        Assert.Contains(ex.FieldViolations(), v => v.Field == "page_size");
    }
}
