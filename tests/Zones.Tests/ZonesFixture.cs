using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Identity;
using Platform.Testing;
using Zones.Api.Extensions;
using Proto = Platform.Contracts.Zones.V1;

namespace Zones.Tests;

/// <summary>
/// The Zones service on its own real PostGIS database and RabbitMQ virtual host, wired as Program.cs
/// wires it (REST on HTTP/1.1, gRPC on h2c), plus an event tap: a queue bound to the exchanges of
/// the three zone events, so tests see exactly what the reporting read model would receive. Its copy of the TERYT
/// register holds the full GUS file (<see cref="TestRegister"/>).
/// </summary>
public class ZonesFixture : ServiceFixture, IAsyncLifetime
{
    public const string TapQueue = "test-zones-events";
    public static readonly string[] EventTypes = ["ZoneRegistered", "ZoneChanged", "PlotStateChanged"];

    private readonly SemaphoreSlim _seedLock = new(1, 1);
    private readonly HashSet<string> _seeded = [];
    private Proto.Zones.ZonesClient? _grpcClient;

    protected override string Name => "zones";

    protected virtual bool ImportDemoData => false;

    /// <summary>Address of the labour-market service; none by default (the rate is then absent with a reason).</summary>
    protected virtual string? LabourAddress => null;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        var settings = new List<KeyValuePair<string, string?>>
        {
            new("DemoData:Import", ImportDemoData ? "true" : "false"),
            new("RabbitMq:RetryLimit", "1"),
            new("Outbox:MaxBackoff", "00:00:01"),
            new("Outbox:PollInterval", "00:00:00.200"),
            new("LabourMarket:Timeout", "00:00:02"),
        };
        if (LabourAddress is not null) settings.Add(new("GrpcClients:labour:Address", LabourAddress));
        return settings;
    }

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

    // The copy of the TERYT register holds the full GUS file (all of Poland), as after labour's first publication.
    public new virtual async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await TestRegister.LoadFullAsync(Host.Services);
        await EnsureTapAsync();
    }

    public new virtual Task DisposeAsync() => base.DisposeAsync();

    /// <summary>The territory the default test caller plans for: Małopolska ("12"), every gmina the tests use.</summary>
    public const string DefaultTerritory = "12";

    /// <summary>A client signed in as a planner of <paramref name="territory"/> (the default: all of Małopolska).</summary>
    public HttpClient Client(string territory = DefaultTerritory, string role = PlatformRoles.Planner) =>
        Host.CreateHttpClient().As(role, territory, "planista-" + territory);

    /// <summary>A caller without identity: reads work, writes are refused.</summary>
    public HttpClient AnonymousClient() => Host.CreateHttpClient();

    /// <summary>How long a test waits for one gRPC call.</summary>
    public static DateTime Deadline() => DateTime.UtcNow.AddSeconds(30);

    /// <summary>gRPC call options carrying a planner's signed identity.</summary>
    public CallOptions Planner(string territory = DefaultTerritory) =>
        new(TestIdentity.Headers(PlatformRoles.Planner, territory, "planista-" + territory), Deadline());

    /// <summary>gRPC call options without identity: reads work, writes are refused.</summary>
    public CallOptions Anonymous() => new(deadline: Deadline());

    /// <summary>The generated platform.zones.v1.Zones client on the host's h2c channel.</summary>
    public Proto.Zones.ZonesClient GrpcClient => _grpcClient ??= new(Host.Channel);

    /// <summary>Runs <paramref name="seed"/> once per fixture under <paramref name="key"/> (test classes share their fixture).</summary>
    public async Task SeedOnceAsync(string key, Func<Task> seed)
    {
        await _seedLock.WaitAsync();
        try
        {
            if (_seeded.Contains(key)) return;
            await seed();
            _seeded.Add(key);
        }
        finally { _seedLock.Release(); }
    }

    private EventTap? _tap;

    private EventTap Tap => _tap ??= new EventTap(VirtualHost, TapQueue, "Platform.Contracts.Events.Zones.V1", EventTypes);

    /// <summary>Declares the event exchanges and binds the tap queue to them.</summary>
    private Task EnsureTapAsync() => Tap.BindAsync();

    /// <summary>Everything the tap has received so far (kept, so no test loses another's).</summary>
    public async Task<IReadOnlyList<PublishedEvent>> EventsAsync() =>
        (await Tap.EventsAsync()).Select(e => new PublishedEvent(e.Type, e.MessageId, e.Message)).ToList();

    public async Task<IReadOnlyList<PublishedEvent>> EventsForAsync(Guid zoneId) =>
        (await EventsAsync()).Where(e => e.ZoneId == zoneId).ToList();
}

public sealed record PublishedEvent(string Type, string MessageId, JsonElement Message)
{
    public Guid ZoneId => Message.GetProperty("zoneId").GetGuid();
}
