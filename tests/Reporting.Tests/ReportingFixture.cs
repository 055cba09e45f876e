using Microsoft.AspNetCore.Builder;
using Platform.ServiceDefaults.Hosting;
using Platform.Testing;

namespace Reporting.Tests;

/// <summary>
/// The Reporting service on its own real database and RabbitMQ virtual host, wired as Program.cs
/// wires it — and beside it the real Catalogue service (own database, same virtual host, no demo
/// import), so a test can import a strategy there and watch it arrive through events, or rebuild
/// the read model from it over gRPC.
/// </summary>
public sealed class ReportingFixture : ServiceFixture, IAsyncLifetime
{
    public TestDatabase CatalogueDatabase { get; private set; } = null!;
    public ServiceTestHost Catalogue { get; private set; } = null!;

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
        CatalogueDatabase = await TestDatabase.CreateAsync("reporting_catalogue");
        Catalogue = await ServiceTestHost.StartAsync(
            [
                new("ConnectionStrings:Database", CatalogueDatabase.ConnectionString), TestIdentity.Setting, .. VirtualHost.Settings(),
                new("DemoData:Import", "false"), new("Outbox:PollInterval", "00:00:00.200"),
            ],
            b => { b.AddServiceDefaults(); global::Catalogue.Api.Extensions.Extensions.AddApplicationServices(b); },
            a => { a.MapDefaultEndpoints(); global::Catalogue.Api.Extensions.Extensions.MapApplicationEndpoints(a); });
        // The catalogue's address is known only now; the named gRPC client reads it on first use.
        Host.App.Configuration["GrpcClients:catalogue:Address"] = Catalogue.GrpcAddress.ToString();
    }

    public new async Task DisposeAsync()
    {
        if (Catalogue is not null) await Catalogue.DisposeAsync();
        if (CatalogueDatabase is not null) await CatalogueDatabase.DisposeAsync();
        await base.DisposeAsync();
    }
}
