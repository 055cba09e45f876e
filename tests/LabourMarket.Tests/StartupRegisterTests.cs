using System.Net.Http.Json;
using System.Text.Json;
using LabourMarket.Api.Extensions;
using LabourMarket.Api.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults.Hosting;
using Platform.Territory.Persistence;
using Platform.Testing;

namespace LabourMarket.Tests;

/// <summary>The service started as deploy/run.sh starts it without a TERC file: demo data on, empty database.</summary>
public sealed class DemoStartFixture : ServiceFixture, IAsyncLifetime
{
    protected override string Name => "labourdemo";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("DemoData:Import", "true")];

    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.AddApplicationServices();
    }

    protected override void Map(WebApplication app)
    {
        app.MapDefaultEndpoints();
        app.MapApplicationEndpoints();
    }

    Task IAsyncLifetime.InitializeAsync() => InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync();
}

/// <summary>The service started as deploy/run.sh starts it with the operator's TERC file: two replicas, one after the other.</summary>
public sealed class TercFileStartFixture : ServiceFixture, IAsyncLifetime
{
    protected override string Name => "labourterc";

    protected override int ReplicaCount => 2;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [new("DemoData:Import", "true"), new("Territory:TercFile", TercFiles.Full)];

    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.AddApplicationServices();
    }

    protected override void Map(WebApplication app)
    {
        app.MapDefaultEndpoints();
        app.MapApplicationEndpoints();
    }

    Task IAsyncLifetime.InitializeAsync() => InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync();
}

public sealed class DemoStartTests(DemoStartFixture fixture) : IClassFixture<DemoStartFixture>
{
    [Fact]
    public async Task Without_a_TERC_file_the_demo_subset_is_loaded_and_the_demo_figures_name_its_units()
    {
        using var http = fixture.Host.CreateHttpClient();
        var register = await http.GetFromJsonAsync<JsonElement>("api/v1/territory/register");
        Assert.Equal(1, register.GetProperty("version").GetInt32());
        Assert.Equal("""{"voivodeship":1,"powiat":1,"gmina":5,"gmina_part":8}""", register.GetProperty("counts").GetRawText());
        Assert.Equal("terc-demo.csv", register.GetProperty("recentImports")[0].GetProperty("fileName").GetString());

        var changes = await http.GetFromJsonAsync<JsonElement>("api/v1/labour/changes?indicator=registered_unemployed&unit=1203&base=2015&to=2023");
        Assert.Equal(4851m, changes.GetProperty("base").GetProperty("value").GetDecimal());
        var units = await http.GetFromJsonAsync<JsonElement>("api/v1/labour/units?parent=1203");
        Assert.Equal(13, units.GetProperty("total").GetInt32());
    }
}

public sealed class TercFileStartTests(TercFileStartFixture fixture) : IClassFixture<TercFileStartFixture>
{
    [Fact]
    public async Task With_a_TERC_file_every_start_loads_it_once_and_publishes_the_register_again()
    {
        using var http = fixture.Host.CreateHttpClient();
        var register = await http.GetFromJsonAsync<JsonElement>("api/v1/territory/register");
        Assert.Equal(1, register.GetProperty("version").GetInt32());
        Assert.Equal(2477, register.GetProperty("counts").GetProperty("gmina").GetInt32());

        await using var scope = fixture.Host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LabourMarketDbContext>();
        // The second replica's start found the same file: reported unchanged, and the register announced again.
        var imports = await db.Set<RegisterImportRecord>().OrderBy(i => i.Id).Select(i => new { i.Version, i.Added }).ToListAsync();
        Assert.Equal([new { Version = 1, Added = 4332 }, new { Version = 1, Added = 0 }], imports);
        Assert.Equal(2, await db.Set<OutboxMessage>().CountAsync(m => m.MessageType.Contains("TerritorialRegisterChanged")));
        // The demo figures went in after the register (their units are in it).
        var changes = await http.GetFromJsonAsync<JsonElement>("api/v1/labour/changes?indicator=registered_unemployed&unit=1203&base=2015&to=2023");
        Assert.Equal(4851m, changes.GetProperty("base").GetProperty("value").GetDecimal());
    }
}
