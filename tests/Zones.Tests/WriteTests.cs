using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Grpc.Core;
using Platform.ServiceDefaults.Grpc;
using Zones.Api.Persistence;
using Proto = Platform.Contracts.Zones.V1;
using static Zones.Tests.TestData;

namespace Zones.Tests;

/// <summary>Registering and changing zones and plots: computed values, versions, bad input refused with nothing written.</summary>
public sealed class WriteTests(ZonesFixture fixture) : IClassFixture<ZonesFixture>
{
    // The bus serializer may write decimals as JSON strings; either form carries the exact value.
    private static decimal Dec(JsonElement e) => e.ValueKind == JsonValueKind.String ? decimal.Parse(e.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : e.GetDecimal();


    private async Task<long> CountAsync(string table)
    {
        await using var dataSource = fixture.Database.CreateDataSource();
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM {table}");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Details_show_computed_area_next_to_declared_and_distances_matching_vincenty()
    {
        var rect = Rect.Around(19.44, 50.14, 500);
        // The junction lies diagonally beyond the south-west corner, so that corner is the zone's nearest point.
        var junction = Geodesy.Destination(rect.MinLon, rect.MinLat, 225, 7500);
        var centre = Geodesy.Destination(rect.MaxLon, rect.MaxLat, 45, 3000);
        await fixture.Host.Services.GetRequiredService<ReferencePlaceStore>().UpsertAsync(
        [
            new(Guid.NewGuid(), "w-junction", "motorway_junction", "Węzeł W", "A4", junction.Lon, junction.Lat, false),
            new(Guid.NewGuid(), "w-centre", "town_centre", "Centrum W", null, centre.Lon, centre.Lat, false),
            new(Guid.NewGuid(), "krakow", "town_centre", "Kraków – Rynek", null, 19.9372, 50.0614, false),
        ], default);

        using var client = fixture.Client();
        var created = await PostZoneAsync(client, Zone("Strefa odległości", rect, total: 25.5, available: 20));
        var zone = created.GetProperty("zone");
        Assert.Equal(25.5m, zone.GetProperty("totalAreaHa").GetDecimal());
        var referenceHa = Geodesy.RectangleArea(rect.MinLon, rect.MinLat, rect.MaxLon, rect.MaxLat) / 10_000;
        var computedHa = zone.GetProperty("computedAreaHa").GetDouble();
        Assert.True(Math.Abs(computedHa - referenceHa) / referenceHa < 0.01, $"computed {computedHa} ha vs reference {referenceHa} ha");
        Assert.True(Math.Abs(zone.GetProperty("motorwayKm").GetDouble() - 7.5) / 7.5 < 0.01);
        Assert.Equal("Węzeł W", zone.GetProperty("nearestJunction").GetString());

        var distances = created.GetProperty("distances").EnumerateArray().ToDictionary(d => d.GetProperty("placeCode").GetString()!, d => d.GetProperty("km").GetDouble());
        Assert.True(Math.Abs(distances["w-centre"] - 3.0) / 3.0 < 0.01, $"centre {distances["w-centre"]}");
        var krakow = Geodesy.DistanceToRectangle(19.9372, 50.0614, rect.Tuple) / 1000;
        Assert.True(Math.Abs(distances["krakow"] - krakow) / krakow < 0.01, $"Kraków {distances["krakow"]} km vs reference {krakow} km");
        Assert.Equal("MultiPolygon", created.GetProperty("boundary").GetProperty("type").GetString());
        Assert.Equal("1203", zone.GetProperty("powiat").GetProperty("teryt").GetString());
        // No labour service configured here: the rate is absent, with the reason.
        var unemployment = created.GetProperty("unemployment");
        Assert.Equal(JsonValueKind.Null, unemployment.GetProperty("ratePercent").ValueKind);
        Assert.Contains("nie jest skonfigurowana", unemployment.GetProperty("reason").GetString());
    }

    public static TheoryData<string, string> BadZones() => new()
    {
        { "open-ring", "boundary.coordinates[0]" },
        { "self-intersecting", "boundary" },
        { "three-points", "boundary.coordinates[0]" },
        { "out-of-range", "boundary.coordinates[0][1]" },
        { "outside-poland", "boundary.coordinates[0][0]" },
        { "available-above-total", "availableAreaHa" },
        { "unknown-gmina", "gminaTeryt" },
        { "unknown-kind", "kind" },
        { "bad-utility", "utilities.water" },
        { "no-boundary", "boundary" },
    };

    private static JsonObject Bad(string @case)
    {
        var body = Zone("Zła strefa " + @case, Rect.Around(19.45, 50.15, 400));
        JsonArray Ring(params double[][] points) => new(new JsonArray(points.Select(p => (JsonNode)Rect.Pos(p[0], p[1])).ToArray()));
        JsonObject Polygon(params double[][] points) => new() { ["type"] = "Polygon", ["coordinates"] = Ring(points) };
        switch (@case)
        {
            case "open-ring": body["boundary"] = Polygon([19.45, 50.15], [19.46, 50.15], [19.46, 50.16], [19.45, 50.16]); break;
            case "self-intersecting": body["boundary"] = Polygon([19.45, 50.15], [19.46, 50.16], [19.46, 50.15], [19.45, 50.16], [19.45, 50.15]); break;
            case "three-points": body["boundary"] = Polygon([19.45, 50.15], [19.46, 50.15], [19.45, 50.15]); break;
            case "out-of-range": body["boundary"] = Polygon([19.45, 50.15], [200, 50.15], [19.46, 50.16], [19.45, 50.15]); break;
            case "outside-poland": body["boundary"] = Polygon([13.40, 52.52], [13.41, 52.52], [13.41, 52.53], [13.40, 52.52]); break;
            case "available-above-total": body["totalAreaHa"] = 16; body["availableAreaHa"] = 18; break;
            case "unknown-gmina": body["gminaTeryt"] = "1203999"; break;
            case "unknown-kind": body["kind"] = "airport"; break;
            case "bad-utility": body["utilities"] = new JsonObject { ["water"] = "maybe" }; break;
            case "no-boundary": body.Remove("boundary"); break;
        }
        return body;
    }

    [Theory]
    [MemberData(nameof(BadZones))]
    public async Task Bad_zones_are_refused_with_400_naming_the_field_and_nothing_written(string @case, string field)
    {
        var zonesBefore = await CountAsync("zones");
        var outboxBefore = await CountAsync("outbox_messages");
        using var client = fixture.Client();
        using var response = await client.PostAsJsonAsync("api/v1/zones", Bad(@case));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"{@case}: expected an error for {field}, got {errors}");
        Assert.Equal(zonesBefore, await CountAsync("zones"));
        Assert.Equal(outboxBefore, await CountAsync("outbox_messages"));
    }

    [Fact]
    public async Task Grpc_refuses_bad_zones_with_field_violations()
    {
        var zonesBefore = await CountAsync("zones");
        var input = new Proto.ZoneInput
        {
            Name = "Zła strefa gRPC", GminaTeryt = Trzebinia, Kind = "sag", State = "operating", Ownership = "municipal",
            TotalAreaHa = 5, AvailableAreaHa = 7,
            BoundaryGeojson = """{"type":"Polygon","coordinates":[[[19.45,50.15],[19.46,50.16],[19.46,50.15],[19.45,50.16],[19.45,50.15]]]}""",
        };
        var ex = await Assert.ThrowsAsync<RpcException>(() => fixture.GrpcClient.RegisterZoneAsync(new Proto.RegisterZoneRequest { Zone = input }, fixture.Planner()).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(ex.FieldViolations(), v => v.Field == "available_area_ha");
        // The area check and the geometry check both report: all problems at once.
        input.AvailableAreaHa = 5;
        ex = await Assert.ThrowsAsync<RpcException>(() => fixture.GrpcClient.RegisterZoneAsync(new Proto.RegisterZoneRequest { Zone = input }, fixture.Planner()).ResponseAsync);
        Assert.Contains(ex.FieldViolations(), v => v.Field == "boundary_geojson");
        Assert.Equal(zonesBefore, await CountAsync("zones"));
    }

    [Fact]
    public async Task Grpc_registers_and_reads_a_zone()
    {
        var rect = Rect.Around(19.47, 50.17, 300);
        var input = new Proto.ZoneInput
        {
            Name = "Strefa gRPC", GminaTeryt = Trzebinia, Kind = "industrial_park", State = "planned", Ownership = "private",
            TotalAreaHa = 9, AvailableAreaHa = 9, YearEstablished = 2025, BoundaryGeojson = rect.GeoJson().ToJsonString(),
        };
        input.Utilities.Add(new Proto.Utility { Kind = "water", Status = "available" });
        var created = await fixture.GrpcClient.RegisterZoneAsync(new Proto.RegisterZoneRequest { Zone = input }, fixture.Planner());
        Assert.Equal("Trzebinia", created.Zone.Gmina.Name);
        Assert.True(created.Zone.ComputedAreaHa is > 8.5 and < 9.5);
        var read = await fixture.GrpcClient.GetZoneAsync(new Proto.GetZoneRequest { Id = created.Zone.Id }, fixture.Anonymous());
        Assert.Equal(2025, read.Zone.YearEstablished);
        Assert.Equal("available", read.Zone.Utilities.Single().Status);
        var missing = await Assert.ThrowsAsync<RpcException>(() => fixture.GrpcClient.GetZoneAsync(new Proto.GetZoneRequest { Id = Guid.NewGuid().ToString() }, fixture.Anonymous()).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Update_checks_the_version_and_events_arrive_once_per_change()
    {
        using var client = fixture.Client();
        var rect = Rect.Around(19.48, 50.16, 600);
        var created = await PostZoneAsync(client, Zone("Strefa zdarzeń", rect, total: 30, available: 20));
        var id = created.GetProperty("zone").GetProperty("id").GetGuid();

        var update = Zone("Strefa zdarzeń", rect, total: 37.5, available: 15.8);
        update["state"] = "expanding";
        update["expectedVersion"] = 1;
        using (var ok = await client.PutAsJsonAsync($"api/v1/zones/{id}", update))
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using (var stale = await client.PutAsJsonAsync($"api/v1/zones/{id}", update))
        {
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
            Assert.Equal(2, JsonDocument.Parse(await stale.Content.ReadAsStringAsync()).RootElement.GetProperty("currentVersion").GetInt32());
        }

        var plotRect = new Rect(rect.MinLon + 0.0005, rect.MinLat + 0.0005, rect.MinLon + 0.002, rect.MinLat + 0.001);
        using var plotResponse = await client.PostAsJsonAsync($"api/v1/zones/{id}/plots",
            new { parcelId = "120305_5.0001.123/4", areaHa = 0.6, state = "available", boundary = plotRect.GeoJson() });
        Assert.Equal(HttpStatusCode.Created, plotResponse.StatusCode);
        var plotId = JsonDocument.Parse(await plotResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        using (var sold = await client.PutAsJsonAsync($"api/v1/zones/{id}/plots/{plotId}", new { parcelId = "120305_5.0001.123/4", areaHa = 0.6, state = "sold", boundary = plotRect.GeoJson() }))
            Assert.Equal(HttpStatusCode.OK, sold.StatusCode);
        // A correction that keeps the state is not news for the read models.
        using (var corrected = await client.PutAsJsonAsync($"api/v1/zones/{id}/plots/{plotId}", new { parcelId = "120305_5.0001.123/4", areaHa = 0.61, state = "sold" }))
            Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);

        await Platform.Testing.Eventually.AssertAsync(async () => (await fixture.EventsForAsync(id)).Count >= 4, TimeSpan.FromSeconds(20), "four zone events");
        await Task.Delay(1500);
        var events = await fixture.EventsForAsync(id);
        Assert.Equal(["ZoneRegistered", "ZoneChanged", "PlotStateChanged", "PlotStateChanged"], events.Select(e => e.Type));
        Assert.Equal(events.Count, events.Select(e => e.MessageId).Distinct().Count());

        var registered = events[0].Message;
        Assert.Equal(Trzebinia, registered.GetProperty("gminaTeryt").GetString());
        Assert.Equal(30m, Dec(registered.GetProperty("totalAreaHa")));
        Assert.Equal(2014, registered.GetProperty("yearEstablished").GetInt32());
        var changed = events[1].Message;
        Assert.Equal(20m, Dec(changed.GetProperty("previousAvailableAreaHa")));
        Assert.Equal(15.8m, Dec(changed.GetProperty("availableAreaHa")));
        Assert.Equal(-4.2m, Dec(changed.GetProperty("availableAreaChangeHa")));
        Assert.Equal(7.5m, Dec(changed.GetProperty("totalAreaChangeHa")));
        Assert.Equal("operating", changed.GetProperty("previousState").GetString());
        Assert.Equal("expanding", changed.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, events[2].Message.GetProperty("previousState").ValueKind);
        Assert.Equal("available", events[3].Message.GetProperty("previousState").GetString());
        Assert.Equal("sold", events[3].Message.GetProperty("state").GetString());
        Assert.Equal(Trzebinia, events[3].Message.GetProperty("gminaTeryt").GetString());
    }

    [Fact]
    public async Task Plots_outside_their_zone_or_duplicated_are_refused()
    {
        using var client = fixture.Client();
        var rect = Rect.Around(19.49, 50.18, 400);
        var id = (await PostZoneAsync(client, Zone("Strefa działek", rect))).GetProperty("zone").GetProperty("id").GetGuid();
        var plotsBefore = await CountAsync("plots");

        var outside = new Rect(rect.MaxLon - 0.001, rect.MinLat + 0.0005, rect.MaxLon + 0.002, rect.MinLat + 0.001);
        using var refused = await client.PostAsJsonAsync($"api/v1/zones/{id}/plots", new { parcelId = "1/1", areaHa = 0.5, state = "available", boundary = outside.GeoJson() });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True(JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("boundary", out _));

        // A plot sharing the zone's edge exactly is inside.
        var edge = new Rect(rect.MinLon, rect.MinLat, rect.MinLon + 0.001, rect.MinLat + 0.001);
        using var accepted = await client.PostAsJsonAsync($"api/v1/zones/{id}/plots", new { parcelId = "1/2", areaHa = 0.5, state = "available", boundary = edge.GeoJson() });
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        using var duplicate = await client.PostAsJsonAsync($"api/v1/zones/{id}/plots", new { parcelId = "1/2", areaHa = 0.4, state = "reserved" });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        using var badState = await client.PostAsJsonAsync($"api/v1/zones/{id}/plots", new { parcelId = "1/3", areaHa = -1, state = "lost" });
        var errors = JsonDocument.Parse(await badState.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("areaHa", out _) && errors.TryGetProperty("state", out _), errors.ToString());
        Assert.Equal(plotsBefore + 1, await CountAsync("plots"));

        var details = await GetJsonAsync(client, $"api/v1/zones/{id}");
        Assert.Equal("1/2", details.GetProperty("plots").EnumerateArray().Single().GetProperty("parcelId").GetString());
        using var missing = await client.GetAsync($"api/v1/zones/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var missingPut = await client.PutAsJsonAsync($"api/v1/zones/{Guid.NewGuid()}", Zone("X", rect));
        Assert.Equal(HttpStatusCode.NotFound, missingPut.StatusCode);
    }

    [Fact]
    public async Task Summary_counts_zones_and_hectares_per_gmina()
    {
        using var client = fixture.Client();
        await PostZoneAsync(client, Zone("Chrzanów 1", Rect.Around(19.39, 50.12, 300), Chrzanow, total: 12.5, available: 2.5));
        await PostZoneAsync(client, Zone("Chrzanów 2", Rect.Around(19.41, 50.13, 300), Chrzanow, total: 7.5, available: 7.5));
        var summary = await GetJsonAsync(client, "api/v1/zones/summary?powiat=1203");
        var rows = summary.EnumerateArray().ToDictionary(r => r.GetProperty("gmina").GetProperty("name").GetString()!);
        Assert.Equal(["Alwernia", "Babice", "Chrzanów", "Libiąż", "Trzebinia"], rows.Keys.Order());
        Assert.Equal(2, rows["Chrzanów"].GetProperty("zones").GetInt32());
        Assert.Equal(20m, rows["Chrzanów"].GetProperty("totalAreaHa").GetDecimal());
        Assert.Equal(10m, rows["Chrzanów"].GetProperty("availableAreaHa").GetDecimal());
        Assert.Equal(0, rows["Alwernia"].GetProperty("zones").GetInt32());

        using var bad = await client.GetAsync("api/v1/zones/summary?powiat=12");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
