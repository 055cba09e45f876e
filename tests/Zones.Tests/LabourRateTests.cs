using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Platform.ServiceDefaults.Hosting;
using Platform.Testing;
using Labour = Platform.Contracts.Labour.V1;
using static Zones.Tests.TestData;
using LabourWiring = LabourMarket.Api.Extensions.Extensions;

namespace Zones.Tests;

/// <summary>
/// The real LabourMarket service (its own database and virtual host, its demo figures loaded) started
/// in-process next to Zones, which reaches it over gRPC as the named client "labour".
/// </summary>
public sealed class WithLabourFixture : ZonesFixture
{
    private TestDatabase? _labourDatabase;
    private TestVirtualHost? _labourVhost;
    private ServiceTestHost? _labour;

    protected override string? LabourAddress => _labour!.GrpcAddress.ToString();

    public override async Task InitializeAsync()
    {
        _labourDatabase = await TestDatabase.CreateAsync("zoneslabour");
        _labourVhost = await TestVirtualHost.CreateAsync("zoneslabour");
        _labour = await ServiceTestHost.StartAsync(
            [new("ConnectionStrings:Database", _labourDatabase.ConnectionString), .. TestIdentity.Settings, .. _labourVhost.Settings(), new("DemoData:Import", "true")],
            builder =>
            {
                builder.AddServiceDefaults();
                LabourWiring.AddApplicationServices(builder);
            },
            app =>
            {
                app.MapDefaultEndpoints();
                LabourWiring.MapApplicationEndpoints(app);
            });
        await WarmUpLabourAsync();
        await base.InitializeAsync();
    }

    // The demo figures load and labour's first query compiles in the background; zones allows labour only
    // LabourMarket:Timeout (2 s) per call, so a busy test machine's cold start must not count against it.
    private async Task WarmUpLabourAsync()
    {
        var labour = new Labour.LabourMarket.LabourMarketClient(_labour!.Channel);
        var request = new Labour.GetLatestRequest { Indicator = "unemployment_rate", Unit = "1203" };
        await Eventually.AssertAsync(async () =>
            (await labour.GetLatestAsync(request, TestIdentity.ServiceHeaders("zones"), DateTime.UtcNow.AddSeconds(30))).Latest is not null,
            TimeSpan.FromSeconds(60), "labour's demo unemployment rate of powiat 1203");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_labour is not null) await _labour.DisposeAsync();
        if (_labourVhost is not null) await _labourVhost.DisposeAsync();
        if (_labourDatabase is not null) await _labourDatabase.DisposeAsync();
    }
}

/// <summary>Zones pointed at a port where nothing listens: the rate is absent with the reason, the zone is shown anyway.</summary>
public sealed class LabourDownFixture : ZonesFixture
{
    private readonly int _port = ServiceTestHost.FreePort();
    protected override string? LabourAddress => $"http://127.0.0.1:{_port}/";
}

public sealed class LabourRateTests(WithLabourFixture fixture) : IClassFixture<WithLabourFixture>
{
    [Fact]
    public async Task Zone_details_show_the_powiat_unemployment_rate_from_the_labour_service()
    {
        using var client = fixture.Client();
        var created = await PostZoneAsync(client, Zone("Strefa z bezrobociem", Rect.Around(19.45, 50.15, 400)));
        var unemployment = created.GetProperty("unemployment");
        Assert.True(unemployment.GetProperty("ratePercent").ValueKind == JsonValueKind.Number, unemployment.ToString());
        // labour's demo figures: powiat chrzanowski, the latest month December 2023, 6.2%.
        Assert.Equal(6.2, unemployment.GetProperty("ratePercent").GetDouble(), 3);
        Assert.Equal("2023-12", unemployment.GetProperty("period").GetString());
        Assert.Equal("1203", unemployment.GetProperty("unitTeryt").GetString());
        Assert.Equal(JsonValueKind.Null, unemployment.GetProperty("reason").ValueKind);

        // Lists carry the rate once per powiat on the page.
        var page = await GetJsonAsync(client, "api/v1/zones");
        var perPowiat = page.GetProperty("unemployment").EnumerateArray().Single();
        Assert.Equal("1203", perPowiat.GetProperty("unitTeryt").GetString());
        Assert.Equal(6.2, perPowiat.GetProperty("ratePercent").GetDouble(), 3);
    }
}

public sealed class LabourDownTests(LabourDownFixture fixture) : IClassFixture<LabourDownFixture>
{
    [Fact]
    public async Task Zone_details_degrade_when_labour_is_unreachable()
    {
        using var client = fixture.Client();
        var started = DateTime.UtcNow;
        var created = await PostZoneAsync(client, Zone("Strefa bez rynku pracy", Rect.Around(19.45, 50.15, 400)));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        var unemployment = created.GetProperty("unemployment");
        Assert.Equal(JsonValueKind.Null, unemployment.GetProperty("ratePercent").ValueKind);
        Assert.Contains("niedostępna", unemployment.GetProperty("reason").GetString());
    }
}
