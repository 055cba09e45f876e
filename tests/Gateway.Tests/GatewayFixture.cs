using Gateway.Identity;
using Gateway.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Hosting;
using Platform.Testing;
using CatalogueExtensions = Catalogue.Api.Extensions.Extensions;
using GatewayExtensions = Gateway.Extensions.Extensions;
using LabourExtensions = LabourMarket.Api.Extensions.Extensions;
using ReportingExtensions = Reporting.Api.Extensions.Extensions;
using ZonesExtensions = Zones.Api.Extensions.Extensions;

namespace Gateway.Tests;

/// <summary>
/// The real catalogue service (own database and virtual host) behind a real gateway (own database
/// for API keys). Tests that need another downstream map start a gateway of their own.
/// </summary>
public sealed class GatewayFixture : ServiceFixture, IAsyncLifetime
{
    public TestDatabase GatewayDatabase { get; private set; } = null!;
    public ServiceTestHost Gateway { get; private set; } = null!;

    /// <summary>The other three services, each on its own database and virtual host.</summary>
    public ServiceTestHost Labour { get; private set; } = null!;
    public ServiceTestHost Zones { get; private set; } = null!;
    public ServiceTestHost Reporting { get; private set; } = null!;

    private readonly TestServiceSet _services = new();

    protected override string Name => "gateway";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("DemoData:Import", "false")];

    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        CatalogueExtensions.AddApplicationServices(builder);
    }

    protected override void Map(WebApplication app)
    {
        app.MapDefaultEndpoints();
        CatalogueExtensions.MapApplicationEndpoints(app);
    }

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await TestRegister.LoadFullAsync(Host.Services);
        Labour = await _services.StartAsync("gwlabour", [],
            b => LabourExtensions.AddApplicationServices(b), a => LabourExtensions.MapApplicationEndpoints(a));
        Zones = await _services.StartAsync("gwzones", [new("GrpcClients:labour:Address", Labour.GrpcAddress.ToString())],
            b => ZonesExtensions.AddApplicationServices(b), a => ZonesExtensions.MapApplicationEndpoints(a));
        Reporting = await _services.StartAsync("gwreporting", [new("GrpcClients:catalogue:Address", Host.GrpcAddress.ToString())],
            b => ReportingExtensions.AddApplicationServices(b), a => ReportingExtensions.MapApplicationEndpoints(a));
        GatewayDatabase = await TestDatabase.CreateAsync("gatewaykeys");
        Gateway = await StartGatewayAsync(
        [
            new("Services:catalogue:Http", Host.HttpAddress.ToString()),
            new("Services:catalogue:Grpc", Host.GrpcAddress.ToString()),
            new("Services:labour:Http", Labour.HttpAddress.ToString()),
            new("Services:labour:Grpc", Labour.GrpcAddress.ToString()),
            new("Services:zones:Http", Zones.HttpAddress.ToString()),
            new("Services:zones:Grpc", Zones.GrpcAddress.ToString()),
            new("Services:reporting:Http", Reporting.HttpAddress.ToString()),
            new("Services:reporting:Grpc", Reporting.GrpcAddress.ToString()),
        ]);
    }

    public new async Task DisposeAsync()
    {
        if (Gateway is not null) await Gateway.DisposeAsync();
        if (GatewayDatabase is not null) await GatewayDatabase.DisposeAsync();
        await _services.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>A gateway in front of the given downstream map (Services:name:Http/Grpc).</summary>
    public Task<ServiceTestHost> StartGatewayAsync(IEnumerable<KeyValuePair<string, string?>> settings, Action<WebApplicationBuilder>? configure = null) =>
        ServiceTestHost.StartAsync(
            settings.Concat(
            [
                new("ConnectionStrings:Database", GatewayDatabase.ConnectionString),
                .. TestIdentity.Settings,
                .. TestPeopleTokens.Settings,
                new("Auth:ApiKeyCacheSeconds", "0"),
            ]),
            builder => { builder.AddServiceDefaults(); GatewayExtensions.AddGatewayServices(builder); configure?.Invoke(builder); },
            app => { app.MapDefaultEndpoints(serviceOpenApi: false); GatewayExtensions.MapGatewayEndpoints(app); });

    /// <summary>Stores a key as the CLI would, with the given expiry, and returns its plain text.</summary>
    public async Task<(ApiKey Key, string PlainText)> CreateApiKeyAsync(string role, string territory, TimeSpan validFor)
    {
        var (key, plainText) = ApiKey.Create("test key", role, territory, DateTimeOffset.UtcNow + validFor, DateTimeOffset.UtcNow);
        await using var scope = Gateway.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync();
        return (key, plainText);
    }

    public async Task RevokeAsync(ApiKey key)
    {
        await using var scope = Gateway.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        var stored = await db.ApiKeys.FindAsync(key.Id);
        stored!.RevokedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync();
    }

    public string PersonToken(string role, string territory) =>
        TestPeopleTokens.Issue("test-" + role, "Test " + role, role, territory, TimeSpan.FromMinutes(10));
}
