using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults.Hosting;
using Platform.Testing;

namespace Reporting.Tests;

/// <summary>
/// The Reporting service on its own real database and RabbitMQ virtual host, wired as Program.cs
/// wires it — and beside it the real Catalogue, LabourMarket and Zones services (own databases, same
/// virtual host, no demo import), so a test can write there and watch it arrive through events, or
/// rebuild the read model from them over gRPC. All four hold the full TERYT register (the GUS file).
/// </summary>
public sealed class ReportingFixture : ServiceFixture, IAsyncLifetime
{
    public TestDatabase CatalogueDatabase { get; private set; } = null!;
    public ServiceTestHost Catalogue { get; private set; } = null!;
    public TestDatabase LabourDatabase { get; private set; } = null!;
    public ServiceTestHost Labour { get; private set; } = null!;
    public TestDatabase ZonesDatabase { get; private set; } = null!;
    public ServiceTestHost Zones { get; private set; } = null!;

    /// <summary>The zones service's clock: set it to date zone changes inside a report's period; null = real time.</summary>
    public SettableClock ZonesClock { get; } = new();

    protected override string Name => "reporting";

    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        Reporting.Api.Extensions.Extensions.AddApplicationServices(builder);
    }

    protected override void Map(WebApplication app)
    {
        app.MapDefaultEndpoints();
        Reporting.Api.Extensions.Extensions.MapApplicationEndpoints(app);
    }

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        (CatalogueDatabase, Catalogue) = await StartBesideAsync("reporting_catalogue",
            global::Catalogue.Api.Extensions.Extensions.AddApplicationServices, global::Catalogue.Api.Extensions.Extensions.MapApplicationEndpoints);
        (LabourDatabase, Labour) = await StartBesideAsync("reporting_labour",
            global::LabourMarket.Api.Extensions.Extensions.AddApplicationServices, global::LabourMarket.Api.Extensions.Extensions.MapApplicationEndpoints);
        (ZonesDatabase, Zones) = await StartBesideAsync("reporting_zones",
            b => { global::Zones.Api.Extensions.Extensions.AddApplicationServices(b).Services.AddSingleton<TimeProvider>(ZonesClock); return b; },
            global::Zones.Api.Extensions.Extensions.MapApplicationEndpoints);
        // Every service holds the full TERYT register (all of Poland): labour's own, the others' copies, as after
        // labour's first publication; labour then takes figures for any unit, zones any gmina, reports name them.
        foreach (var host in new[] { Host, Catalogue, Labour, Zones }) await TestRegister.LoadFullAsync(host.Services);
        // The services' addresses are known only now; the named gRPC clients read them on first use.
        Host.App.Configuration["GrpcClients:catalogue:Address"] = Catalogue.GrpcAddress.ToString();
        Host.App.Configuration["GrpcClients:labour:Address"] = Labour.GrpcAddress.ToString();
        Host.App.Configuration["GrpcClients:zones:Address"] = Zones.GrpcAddress.ToString();
    }

    /// <summary>A source service on its own database and reporting's virtual host, no demo import, a quick outbox.</summary>
    private async Task<(TestDatabase, ServiceTestHost)> StartBesideAsync(
        string database, Func<IHostApplicationBuilder, IHostApplicationBuilder> add, Func<WebApplication, WebApplication> map)
    {
        var db = await TestDatabase.CreateAsync(database);
        var host = await ServiceTestHost.StartAsync(
            [
                new("ConnectionStrings:Database", db.ConnectionString), .. TestIdentity.Settings, .. VirtualHost.Settings(),
                new("DemoData:Import", "false"), new("Outbox:PollInterval", "00:00:00.200"),
            ],
            b => { b.AddServiceDefaults(); add(b); },
            a => { a.MapDefaultEndpoints(); map(a); });
        return (db, host);
    }

    public new async Task DisposeAsync()
    {
        if (Zones is not null) await Zones.DisposeAsync();
        if (ZonesDatabase is not null) await ZonesDatabase.DisposeAsync();
        if (Labour is not null) await Labour.DisposeAsync();
        if (LabourDatabase is not null) await LabourDatabase.DisposeAsync();
        if (Catalogue is not null) await Catalogue.DisposeAsync();
        if (CatalogueDatabase is not null) await CatalogueDatabase.DisposeAsync();
        await base.DisposeAsync();
    }
}

/// <summary>Real time unless <see cref="Now"/> is set (only the zones service's write use cases read it).</summary>
public sealed class SettableClock : TimeProvider
{
    public DateTimeOffset? Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now ?? base.GetUtcNow();
}
