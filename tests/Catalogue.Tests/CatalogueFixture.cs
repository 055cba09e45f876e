using System.Net.Http.Json;
using System.Text.Json;
using Catalogue.Api.Extensions;
using Microsoft.AspNetCore.Builder;
using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Identity;
using Platform.Testing;

namespace Catalogue.Tests;

/// <summary>
/// The Catalogue service on its own real database and RabbitMQ virtual host, wired as Program.cs
/// wires it, plus an event tap: a queue bound to the exchanges of the catalogue's three events, so
/// tests see exactly what a consumer (the reporting read model) would receive. Its copy of the TERYT register holds
/// the full GUS file (all of Poland), as after labour's first publication.
/// </summary>
public sealed class CatalogueFixture : ServiceFixture, IAsyncLifetime
{
    public const string TapQueue = "test-catalogue-events";
    public static readonly string[] EventTypes = ["StrategyPublished", "StrategyTreeChanged", "MonitoringEntryRecorded"];

    private readonly object _seedLock = new();

    protected override string Name => "catalogue";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("DemoData:Import", "false"),
        new("RabbitMq:RetryLimit", "1"),
        new("Outbox:MaxBackoff", "00:00:01"),
        new("Outbox:PollInterval", "00:00:00.200"),
    ];

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

    // Re-implements IAsyncLifetime so the register is loaded and the tap bound before any test writes anything.
    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await TestRegister.LoadFullAsync(Host.Services);
        await EnsureTapAsync();
    }

    /// <summary>A client signed in as a voivodeship-wide strategy coordinator (territory 12: every strategy here), as the gateway would pass it.</summary>
    public HttpClient Client() => Host.CreateHttpClient().As(PlatformRoles.Coordinator, "12", "koordynator@powiat.pl");

    public HttpClient AnonymousClient() => Host.CreateHttpClient();

    private Task<Guid>? _chrzanow;

    /// <summary>The Chrzanów strategy, imported once per fixture (test class).</summary>
    public Task<Guid> ChrzanowAsync()
    {
        lock (_seedLock) return _chrzanow ??= Import();

        async Task<Guid> Import()
        {
            using var client = Client();
            return (await TestData.ImportChrzanowAsync(client)).GetProperty("strategyId").GetGuid();
        }
    }

    private EventTap? _tap;

    private EventTap Tap => _tap ??= new EventTap(VirtualHost, TapQueue, "Platform.Contracts.Events.Catalogue.V1", EventTypes);

    /// <summary>Declares the event exchanges and binds the tap queue to them.</summary>
    public Task EnsureTapAsync() => Tap.BindAsync();

    /// <summary>Everything the tap has received so far (kept, so no test loses another's).</summary>
    public async Task<IReadOnlyList<PublishedEvent>> EventsAsync() =>
        (await Tap.EventsAsync()).Select(e => new PublishedEvent(e.Type, e.MessageId, e.Message)).ToList();

    public async Task<IReadOnlyList<PublishedEvent>> EventsForAsync(Guid strategyId) =>
        (await EventsAsync()).Where(e => e.StrategyId == strategyId).ToList();
}

public sealed record PublishedEvent(string Type, string MessageId, JsonElement Message)
{
    public Guid StrategyId => Message.GetProperty("strategyId").GetGuid();
}
