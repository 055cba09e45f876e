using Gateway.Cli;
using Gateway.Identity;
using Gateway.Identity.Users;
using Gateway.Persistence;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Labour.V1;
using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Identity;
using Platform.Testing;
using CatalogueExtensions = Catalogue.Api.Extensions.Extensions;
using GatewayExtensions = Gateway.Extensions.Extensions;
using LabourClient = Platform.Contracts.Labour.V1.LabourMarket.LabourMarketClient;
using LabourExtensions = LabourMarket.Api.Extensions.Extensions;
using ReportingExtensions = Reporting.Api.Extensions.Extensions;
using ZonesExtensions = Zones.Api.Extensions.Extensions;

namespace Grpc.Interop.Tests.Infrastructure;

/// <summary>
/// The real platform for the peers: the four services, each on its own PostgreSQL database and RabbitMQ
/// virtual host, behind a real gateway (own database for API keys), all in this process on real loopback
/// sockets, wired by the same extension methods as their Program.cs. A labour office's API key, an
/// analyst's bearer token and a stored batch of figures are ready before the first peer runs.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    /// <summary>The batch the server-stream, deadline and cancellation cases read back.</summary>
    public const string SeededBatch = "interop-seed";
    public static readonly string[] SeededIndicators = ["registered_unemployed", "inflow", "outflow", "long_term_unemployed", "unemployed_with_benefit"];
    /// <summary>Every month of 1990–2009 for each indicator, powiat chrzanowski.</summary>
    public static readonly int SeededRows = SeededIndicators.Length * 20 * 12;

    private readonly TestServiceSet _services = new();

    public CallRecorder Calls { get; } = new();
    public ServiceTestHost Catalogue { get; private set; } = null!;
    public ServiceTestHost Labour { get; private set; } = null!;
    public ServiceTestHost Zones { get; private set; } = null!;
    public ServiceTestHost Reporting { get; private set; } = null!;
    public ServiceTestHost Gateway { get; private set; } = null!;

    /// <summary>host:port of the gateway's gRPC (h2c) endpoint, as the peers take it.</summary>
    public string GrpcTarget => $"{Gateway.GrpcAddress.Host}:{Gateway.GrpcAddress.Port}";

    /// <summary>A labour office's key (role labour-office, territory 1203), as a feeder presents it in x-api-key.</summary>
    public string PupKey { get; private set; } = "";

    /// <summary>A person's bearer token (role analyst), as the portal sends it.</summary>
    public string AnalystToken { get; private set; } = "";

    /// <summary>The credentials, handed to the peer processes in their environment.</summary>
    public IReadOnlyDictionary<string, string> PeerCredentials => new Dictionary<string, string>
    {
        ["INTEROP_PUP_KEY"] = PupKey,
        ["INTEROP_ANALYST_TOKEN"] = AnalystToken,
    };

    /// <summary>The ids the labour service gave the seeded rows, in order.</summary>
    public IReadOnlyList<long> SeededIds { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Catalogue = await StartServiceAsync("icatalogue", [],
            b => CatalogueExtensions.AddApplicationServices(b), a => CatalogueExtensions.MapApplicationEndpoints(a));
        Labour = await StartServiceAsync("ilabour", [],
            b => LabourExtensions.AddApplicationServices(b), a => LabourExtensions.MapApplicationEndpoints(a));
        Zones = await StartServiceAsync("izones", [new("GrpcClients:labour:Address", Labour.GrpcAddress.ToString())],
            b => ZonesExtensions.AddApplicationServices(b), a => ZonesExtensions.MapApplicationEndpoints(a));
        Reporting = await StartServiceAsync("ireporting",
            [
                new("GrpcClients:catalogue:Address", Catalogue.GrpcAddress.ToString()),
                new("GrpcClients:labour:Address", Labour.GrpcAddress.ToString()),
                new("GrpcClients:zones:Address", Zones.GrpcAddress.ToString()),
            ],
            b => ReportingExtensions.AddApplicationServices(b), a => ReportingExtensions.MapApplicationEndpoints(a));
        Gateway = await StartGatewayAsync();

        PupKey = await CreateApiKeyAsync(PlatformRoles.LabourOffice, "1203");
        // A person's token from the gateway's own OpenID Connect provider, as the CLI gets one (tokens issue).
        await using (var scope = Gateway.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateAsync("interop",
                new UserDraft("interop-analyst", "Analityk interop", PlatformRoles.Analyst, "", null), CancellationToken.None);
            AnalystToken = await AdministratorToken.IssueAsync(scope.ServiceProvider, Gateway.HttpAddress, "interop-analyst", CancellationToken.None);
        }
        SeededIds = await SeedAsync();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
    }

    // Each call recorded under the service's name ("labour" for "ilabour").
    private Task<ServiceTestHost> StartServiceAsync(string name, IEnumerable<KeyValuePair<string, string?>> settings,
        Action<WebApplicationBuilder> add, Action<WebApplication> map) =>
        _services.StartAsync(name, settings, add, map, before: a => Calls.Attach(a, name[1..]));

    private async Task<ServiceTestHost> StartGatewayAsync()
    {
        var database = _services.Own(await TestDatabase.CreateAsync("igateway"));
        var gateway = await ServiceTestHost.StartAsync(
            [
                new("Services:catalogue:Http", Catalogue.HttpAddress.ToString()),
                new("Services:catalogue:Grpc", Catalogue.GrpcAddress.ToString()),
                new("Services:labour:Http", Labour.HttpAddress.ToString()),
                new("Services:labour:Grpc", Labour.GrpcAddress.ToString()),
                new("Services:zones:Http", Zones.HttpAddress.ToString()),
                new("Services:zones:Grpc", Zones.GrpcAddress.ToString()),
                new("Services:reporting:Http", Reporting.HttpAddress.ToString()),
                new("Services:reporting:Grpc", Reporting.GrpcAddress.ToString()),
                new("ConnectionStrings:Database", database.ConnectionString),
                .. TestIdentity.Settings,
                new("Auth:ApiKeyCacheSeconds", "0"),
            ],
            builder => { builder.AddServiceDefaults(); GatewayExtensions.AddGatewayServices(builder); },
            app => { app.MapDefaultEndpoints(serviceOpenApi: false); GatewayExtensions.MapGatewayEndpoints(app); });
        return _services.Own(gateway);
    }

    /// <summary>Stores a key as the gateway's CLI would and returns its plain text.</summary>
    private async Task<string> CreateApiKeyAsync(string role, string territory)
    {
        var (key, plainText) = ApiKey.Create("PUP Chrzanów (interop)", role, territory, DateTimeOffset.UtcNow.AddDays(1), DateTimeOffset.UtcNow);
        await using var scope = Gateway.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync();
        return plainText;
    }

    /// <summary>The seeded batch, fed through the gateway with the labour office's key as a feeder would.</summary>
    private async Task<IReadOnlyList<long>> SeedAsync()
    {
        using var channel = GrpcChannel.ForAddress(Gateway.GrpcAddress);
        var labour = new LabourClient(channel);
        var rows =
            from indicator in SeededIndicators
            from year in Enumerable.Range(1990, 20)
            from month in Enumerable.Range(1, 12)
            select new ObservationRow { Indicator = indicator, Unit = "1203", Period = $"{year}-{month:00}", Value = 1000 + month };
        using (var call = labour.SubmitObservations(new Metadata { { ApiKeyAuthenticationHandler.HeaderName, PupKey } },
                   deadline: DateTime.UtcNow.AddMinutes(2)))
        {
            var first = true;
            foreach (var chunk in rows.Chunk(200))
            {
                var message = new SubmitObservationsRequest { BatchId = first ? SeededBatch : "", Source = first ? "PUP Chrzanów (seed)" : "" };
                message.Rows.Add(chunk);
                await call.RequestStream.WriteAsync(message);
                first = false;
            }
            await call.RequestStream.CompleteAsync();
            var answer = await call;
            if (answer.Accepted != SeededRows)
                throw new InvalidOperationException($"seeding accepted {answer.Accepted} of {SeededRows} rows: {answer}");
        }

        var ids = new List<long>();
        var analyst = new Metadata { { "authorization", "Bearer " + AnalystToken } };
        using var export = labour.ExportObservations(new ExportObservationsRequest { BatchId = SeededBatch, PageSize = 5000 }, analyst,
            DateTime.UtcNow.AddMinutes(1));
        await foreach (var page in export.ResponseStream.ReadAllAsync()) ids.AddRange(page.Observations.Select(o => o.Id));
        return ids;
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform behind the gateway";
}
