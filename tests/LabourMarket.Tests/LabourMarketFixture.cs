using Gateway.Identity;
using Gateway.Persistence;
using Grpc.Net.Client;
using LabourMarket.Api.Extensions;
using LabourMarket.Api.Territory;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Identity;
using Platform.Testing;
using GatewayExtensions = Gateway.Extensions.Extensions;

namespace LabourMarket.Tests;

/// <summary>
/// The LabourMarket service on its own real database and RabbitMQ virtual host, wired as Program.cs wires
/// it (demo data off), with the full TERYT register loaded through its own import (the GUS file, TercFiles.Full),
/// a queue bound to the ObservationsPublished exchange standing in for a consumer, and a real gateway in front
/// of it through which the PUP feeder sends with its API key.
/// </summary>
public sealed class LabourMarketFixture : ServiceFixture, IAsyncLifetime
{
    public const string EventQueue = "labour-tests-observations-published";

    private EventTap _tap = null!;
    private TestDatabase _gatewayDatabase = null!;

    protected override string Name => "labourmarket";

    /// <summary>Straight to the service, as an administrator (no territory limit) signed by the gateway's key.</summary>
    public GrpcChannel Channel => Host.Channel;

    /// <summary>The gateway in front of the service (gRPC on <see cref="ServiceTestHost.GrpcAddress"/>).</summary>
    public ServiceTestHost Gateway { get; private set; } = null!;

    /// <summary>An API key of PUP Chrzanów: role labour-office, territory 1203.</summary>
    public string PupChrzanowKey { get; private set; } = "";

    /// <summary>The report of loading the full register into the empty database at start.</summary>
    public RegisterImportReport FullImport { get; private set; } = null!;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("DemoData:Import", "false")];

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

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await using (var scope = Host.CreateScope())
        await using (var file = File.OpenRead(TercFiles.Full))
        {
            FullImport = await scope.ServiceProvider.GetRequiredService<RegisterImport>()
                .ImportAsync(file, Path.GetFileName(TercFiles.Full), RegisterImport.ServiceItself("testy"), CancellationToken.None);
        }
        _tap = new EventTap(VirtualHost, EventQueue, "Platform.Contracts.Events.Labour.V1", ["ObservationsPublished"]);
        await _tap.BindAsync();

        _gatewayDatabase = await TestDatabase.CreateAsync("labourgw");
        Gateway = await ServiceTestHost.StartAsync(
            [
                new("ConnectionStrings:Database", _gatewayDatabase.ConnectionString),
                .. TestIdentity.Settings,
                new("Auth:ApiKeyCacheSeconds", "0"),
                new("Services:labour:Http", Host.HttpAddress.ToString()),
                new("Services:labour:Grpc", Host.GrpcAddress.ToString()),
            ],
            builder => { builder.AddServiceDefaults(); GatewayExtensions.AddGatewayServices(builder); },
            app => { app.MapDefaultEndpoints(serviceOpenApi: false); GatewayExtensions.MapGatewayEndpoints(app); });
        PupChrzanowKey = await CreateKeyAsync(PlatformRoles.LabourOffice, "1203");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Gateway is not null) await Gateway.DisposeAsync();
        if (_gatewayDatabase is not null) await _gatewayDatabase.DisposeAsync();
        await DisposeAsync();
    }

    /// <summary>Stores an API key in the gateway, as its CLI does, and returns the key's plain text.</summary>
    public async Task<string> CreateKeyAsync(string role, string territory, TimeSpan? validFor = null)
    {
        var (key, plainText) = ApiKey.Create("test: " + role + " " + territory, role, territory,
            DateTimeOffset.UtcNow + (validFor ?? TimeSpan.FromDays(1)), DateTimeOffset.UtcNow);
        await using var scope = Gateway.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync();
        return plainText;
    }

    /// <summary>Every ObservationsPublished message for the batch received so far.</summary>
    public async Task<List<System.Text.Json.JsonElement>> EventsForAsync(string batchId) =>
        (await _tap.EventsAsync()).Select(e => e.Message).Where(m => m.GetProperty("batchId").GetString() == batchId).ToList();
}
