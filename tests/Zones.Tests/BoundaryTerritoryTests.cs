using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Grpc.Core;
using Platform.ServiceDefaults.Grpc;
using Zones.Api.Application;
using Zones.Api.Domain;
using Proto = Platform.Contracts.Zones.V1;
using static Zones.Tests.TestData;

namespace Zones.Tests;

/// <summary>
/// A zone's boundary is tied to its territory (security finding 5): its area within a factor 1.5 of the declared
/// one and inside its gmina's voivodeship, or the write is 400 / INVALID_ARGUMENT on the boundary with nothing written.
/// </summary>
public sealed class BoundaryTerritoryTests(ZonesFixture fixture) : IClassFixture<ZonesFixture>
{
    private const double DeclaredHa = 17.3;

    /// <summary>A square of about 17.3 ha in Trzebinia, 6.6 km from the voivodeship border.</summary>
    private static readonly Rect InTrzebinia = Rect.Around(19.47, 50.16, 416);

    /// <summary>The same square in Gdańsk (pomorskie).</summary>
    private static readonly Rect InGdansk = Rect.Around(18.60, 54.35, 416);

    /// <summary>The rectangle around Poland: all of it, as the finding's planner saved it.</summary>
    private static readonly Rect AllOfPoland = new(PolandBounds.MinLon, PolandBounds.MinLat, PolandBounds.MaxLon, PolandBounds.MaxLat);

    private HttpClient TrzebiniaPlanner() => fixture.Client(territory: Trzebinia);

    private static JsonObject Body(string name, Rect rect, double total = DeclaredHa) => Zone(name, rect, Trzebinia, total: total, available: 4.8);

    private async Task<(long Zones, long Versions, long Outbox)> CountsAsync()
    {
        await using var dataSource = fixture.Database.CreateDataSource();
        await using var command = dataSource.CreateCommand(
            "SELECT (SELECT count(*) FROM zones), (SELECT count(*) FROM zone_versions), (SELECT count(*) FROM outbox_messages)");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>Sends the request, expects 400 and returns the reasons given for "boundary".</summary>
    private static async Task<string> BoundaryRefusalAsync(Task<HttpResponseMessage> send)
    {
        using var response = await send;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {text}");
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("boundary", out var reasons), errors.ToString());
        return string.Join(" | ", reasons.EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_Trzebinia_zone_of_17_3_ha_whose_boundary_covers_all_of_Poland_is_refused_and_nothing_is_stored()
    {
        using var client = TrzebiniaPlanner();
        var before = await CountsAsync();
        var reason = await BoundaryRefusalAsync(client.PostAsJsonAsync("api/v1/zones", Body("Strefa na całą Polskę", AllOfPoland)));
        // Polish numbers: no-break space between thousands, decimal comma.
        Assert.Matches(@"Granica obejmuje \d{1,3}(\u00A0\d{3})+,\d\u00A0ha, a zadeklarowana powierzchnia strefy to 17,3\u00A0ha", reason);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task An_existing_zone_cannot_be_given_a_boundary_of_all_of_Poland_or_of_another_voivodeship()
    {
        using var client = TrzebiniaPlanner();
        var id = (await PostZoneAsync(client, Body("Strefa do przesunięcia", InTrzebinia))).GetProperty("zone").GetProperty("id").GetGuid();
        var before = await CountsAsync();

        await BoundaryRefusalAsync(client.PutAsJsonAsync($"api/v1/zones/{id}", Body("Strefa do przesunięcia", AllOfPoland)));
        var reason = await BoundaryRefusalAsync(client.PutAsJsonAsync($"api/v1/zones/{id}", Body("Strefa do przesunięcia", InGdansk)));
        Assert.Contains("województwo małopolskie", reason);

        Assert.Equal(before, await CountsAsync());
        var zone = (await GetJsonAsync(client, $"api/v1/zones/{id}")).GetProperty("zone");
        Assert.Equal(1, zone.GetProperty("version").GetInt32());
        Assert.InRange(zone.GetProperty("computedAreaHa").GetDouble(), 17, 17.6);
    }

    [Fact]
    public async Task A_boundary_of_the_right_size_in_another_voivodeship_is_refused()
    {
        using var client = TrzebiniaPlanner();
        var before = await CountsAsync();
        var reason = await BoundaryRefusalAsync(client.PostAsJsonAsync("api/v1/zones", Body("Strefa w Gdańsku", InGdansk)));
        Assert.Contains("wykracza poza województwo małopolskie", reason);
        Assert.Contains("Trzebinia (1203053)", reason);
        Assert.DoesNotContain("zadeklarowana", reason);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_boundary_of_the_declared_size_inside_Trzebinia_is_accepted()
    {
        using var client = TrzebiniaPlanner();
        var zone = (await PostZoneAsync(client, Body("Strefa w Trzebini", InTrzebinia))).GetProperty("zone");
        Assert.Equal(17.3m, zone.GetProperty("totalAreaHa").GetDecimal());
        Assert.InRange(zone.GetProperty("computedAreaHa").GetDouble(), 17, 17.6);
    }

    // The area may differ from the declared one by a factor up to 1.5 either way, not beyond.
    [Theory]
    [InlineData(1.45, true)]
    [InlineData(1 / 1.45, true)]
    [InlineData(1.55, false)]
    [InlineData(1 / 1.55, false)]
    public async Task The_declared_area_may_differ_from_the_boundary_by_a_factor_of_1_5(double declaredOverComputed, bool accepted)
    {
        var rect = Rect.Around(19.45, 50.15, 400);
        var computedHa = Geodesy.RectangleArea(rect.MinLon, rect.MinLat, rect.MaxLon, rect.MaxLat) / 10_000;
        var body = Zone($"Strefa o współczynniku {F(declaredOverComputed)}", rect, Trzebinia,
            total: Math.Round(computedHa * declaredOverComputed, 2), available: 1);
        using var client = TrzebiniaPlanner();
        if (accepted) await PostZoneAsync(client, body);
        else Assert.Contains("zadeklarowana powierzchnia", await BoundaryRefusalAsync(client.PostAsJsonAsync("api/v1/zones", body)));
    }

    [Fact]
    public async Task A_boundary_straddling_the_simplified_voivodeship_outline_is_accepted_but_one_in_Jaworzno_next_door_is_not()
    {
        // A 200 m square centred on an outline vertex of Małopolska by Trzebinia: at most 141 m outside it, within the tolerance.
        var (lon, lat) = NearestOutlineVertex(Voivodeships.Of("12")!, 19.40, 50.20);
        Assert.True(Geodesy.Distance(lon, lat, 19.40, 50.20) < 1000, $"vertex {lon} {lat}");
        using var client = TrzebiniaPlanner();
        await PostZoneAsync(client, Zone("Strefa na granicy województw", Rect.Around(lon, lat, 200), Trzebinia, total: 4, available: 4));

        // Jaworzno (śląskie), 4.8 km from Małopolska.
        var reason = await BoundaryRefusalAsync(client.PostAsJsonAsync("api/v1/zones",
            Zone("Strefa w Jaworznie", Rect.Around(19.274, 50.205, 400), Trzebinia)));
        Assert.Contains("małopolskie", reason);
    }

    [Fact]
    public async Task Grpc_refuses_a_boundary_not_of_the_zone_with_a_field_violation()
    {
        var before = await CountsAsync();
        foreach (var rect in new[] { AllOfPoland, InGdansk })
        {
            var input = new Proto.ZoneInput
            {
                Name = "Strefa gRPC poza terytorium", GminaTeryt = Trzebinia, Kind = "sag", State = "operating", Ownership = "municipal",
                TotalAreaHa = DeclaredHa, AvailableAreaHa = 4.8, BoundaryGeojson = rect.GeoJson().ToJsonString(),
            };
            var ex = await Assert.ThrowsAsync<RpcException>(() =>
                fixture.GrpcClient.RegisterZoneAsync(new Proto.RegisterZoneRequest { Zone = input }, fixture.Planner(Trzebinia)).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
            // The proto's name for the boundary field.
            Assert.Contains(ex.FieldViolations(), v => v.Field == "boundary_geojson");
        }
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public void Every_voivodeship_has_an_outline()
    {
        Assert.Equal(["02", "04", "06", "08", "10", "12", "14", "16", "18", "20", "22", "24", "26", "28", "30", "32"],
            Voivodeships.All.Select(v => v.Code).Order());
        Assert.Equal("małopolskie", Voivodeships.Of(Trzebinia)!.Name);
        Assert.Equal(1.5, BoundaryRules.AreaFactor);
    }

    private static (double Lon, double Lat) NearestOutlineVertex(VoivodeshipOutline outline, double lon, double lat)
    {
        var geometry = JsonNode.Parse(outline.GeoJson)!;
        var polygons = geometry["type"]!.GetValue<string>() == "Polygon"
            ? [geometry["coordinates"]!.AsArray()]
            : geometry["coordinates"]!.AsArray().Select(p => p!.AsArray()).ToList();
        return polygons.SelectMany(p => p).SelectMany(ring => ring!.AsArray())
            .Select(p => (Lon: p![0]!.GetValue<double>(), Lat: p[1]!.GetValue<double>()))
            .MinBy(p => Geodesy.Distance(lon, lat, p.Lon, p.Lat));
    }
}
