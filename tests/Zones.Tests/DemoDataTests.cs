using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Testing;
using Zones.Api.DemoData;
using static Zones.Tests.TestData;

namespace Zones.Tests;

/// <summary>
/// The service with DemoData:Import = true: the zones of the Chrzanów county strategy, A4 junctions and town centres.
/// The host starts with an empty register copy, as beside a labour service that publishes it only after starting; the
/// import waits for it in the background and runs once the fixture has loaded it.
/// </summary>
public sealed class DemoZonesFixture : ZonesFixture
{
    protected override bool ImportDemoData => true;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using var client = Client();
        await Eventually.AssertAsync(async () => (await GetJsonAsync(client, "api/v1/zones?pageSize=50")).GetProperty("total").GetInt32() == 6,
            TimeSpan.FromSeconds(60), "the six demo zones, imported once the register copy is there");
    }
}

public sealed class DemoDataTests(DemoZonesFixture fixture) : IClassFixture<DemoZonesFixture>
{
    [Fact]
    public async Task Demo_zones_are_imported_once_with_their_real_areas()
    {
        using var client = fixture.Client();
        var summary = await GetJsonAsync(client, "api/v1/zones/summary?powiat=1203");
        var rows = summary.EnumerateArray().ToDictionary(r => r.GetProperty("gmina").GetProperty("name").GetString()!);
        Assert.Equal(3, rows["Trzebinia"].GetProperty("zones").GetInt32());
        Assert.Equal(17.3m + 42.5m + 26.6m, rows["Trzebinia"].GetProperty("totalAreaHa").GetDecimal());
        Assert.Equal(1, rows["Chrzanów"].GetProperty("zones").GetInt32());
        Assert.Equal(280m, rows["Chrzanów"].GetProperty("totalAreaHa").GetDecimal());
        Assert.Equal(1, rows["Babice"].GetProperty("zones").GetInt32());
        Assert.Equal(1, rows["Libiąż"].GetProperty("zones").GetInt32());
        Assert.Equal(0, rows["Alwernia"].GetProperty("zones").GetInt32());

        // Running the import again (a restart) changes nothing and publishes nothing new.
        var importer = fixture.Host.Services.GetServices<IHostedService>().OfType<DemoDataImporter>().Single();
        await importer.ImportAsync(default);
        var again = await GetJsonAsync(client, "api/v1/zones?pageSize=50");
        Assert.Equal(6, again.GetProperty("total").GetInt32());
        // The import ran before the test's tap was bound, so count what the outbox holds: one event per zone.
        await using var dataSource = fixture.Database.CreateDataSource();
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.ZoneRegistered,%'");
        Assert.Equal(6L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Computed_areas_and_distances_are_plausible_and_marked_approximate()
    {
        using var client = fixture.Client();
        var page = await GetJsonAsync(client, "api/v1/zones?pageSize=50");
        foreach (var zone in page.GetProperty("items").EnumerateArray())
        {
            Assert.True(zone.GetProperty("approximateBoundary").GetBoolean());
            var declared = zone.GetProperty("totalAreaHa").GetDouble();
            var computed = zone.GetProperty("computedAreaHa").GetDouble();
            Assert.True(Math.Abs(computed - declared) / declared < 0.02, $"{zone.GetProperty("name")}: computed {computed} vs declared {declared}");
            Assert.True(zone.GetProperty("motorwayKm").GetDouble() < 20, zone.ToString());
        }
        // The planner's question: at least 10 ha free, water and sewage, within 5 km of an A4 junction.
        var answer = await GetJsonAsync(client, "api/v1/zones?minAvailableHa=10&utilities=water,sewage&maxMotorwayKm=5&sort=motorway");
        Assert.Contains(answer.GetProperty("items").EnumerateArray(), z => z.GetProperty("name").GetString()!.Contains("Górka"));

        var places = await GetJsonAsync(client, "api/v1/zones/reference-places?kind=motorway_junction");
        Assert.Contains(places.EnumerateArray(), p => p.GetProperty("code").GetString() == "a4-chrzanow" && p.GetProperty("approximate").GetBoolean());
        var chrzanow = page.GetProperty("items").EnumerateArray().Single(z => z.GetProperty("gmina").GetProperty("teryt").GetString() == Chrzanow);
        var details = await GetJsonAsync(client, $"api/v1/zones/{chrzanow.GetProperty("id").GetGuid()}");
        var centre = details.GetProperty("distances").EnumerateArray().Single(d => d.GetProperty("placeCode").GetString() == "centrum-chrzanow");
        Assert.InRange(centre.GetProperty("km").GetDouble(), 0.5, 3.0);
    }
}
