using System.Text.Json;
using EndToEnd.Tests.Harness;
using Platform.Testing;

namespace EndToEnd.Tests.Faults;

/// <summary>
/// A message reporting's consumer can never handle (a figure without an indicator) is retried, then set
/// aside in the error queue with the reason; figures published after it are still applied.
/// </summary>
[Collection(PlatformCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class PoisonMessageTests(PlatformFixture platform)
{
    private const string VirtualHost = "platform";
    private const string MessageType = "Platform.Contracts.Events.Labour.V1:ObservationsPublished";
    private const string ErrorQueue = "reporting-observations-published_error";

    [Fact]
    public async Task A_poison_message_ends_in_the_error_queue_with_its_reason_and_later_messages_keep_flowing()
    {
        await platform.Control.WaitHealthyAsync(TimeSpan.FromMinutes(2));
        using var management = TestVirtualHost.CreateManagementClient();
        var run = Guid.NewGuid().ToString("N")[..8];
        var poisonId = Guid.NewGuid();
        var healthyId = Guid.NewGuid();

        await RabbitMqManagement.PublishEnvelopeAsync(management, VirtualHost, MessageType, poisonId, Batch($"poison-{run}", indicator: null));
        await RabbitMqManagement.PublishEnvelopeAsync(management, VirtualHost, MessageType, healthyId, Batch($"healthy-{run}", indicator: "inflow"));

        await Eventually.AssertAsync(async () => await platform.ScalarAsync<long>("reporting",
            "SELECT count(*) FROM rm_observations WHERE source = $1", $"E2E healthy-{run}") == 1, TimeSpan.FromSeconds(60), "the healthy figure in reporting");

        JsonElement? faulted = null;
        await Eventually.AssertAsync(async () =>
        {
            var messages = await RabbitMqManagement.GetMessagesAsync(management, VirtualHost, ErrorQueue, count: 1000, requeue: true);
            faulted = messages.FirstOrDefault(m => m.GetProperty("properties").TryGetProperty("message_id", out var id) && id.GetString() == poisonId.ToString());
            return faulted is { ValueKind: JsonValueKind.Object };
        }, TimeSpan.FromSeconds(60), "the poison message in " + ErrorQueue);

        var headers = faulted!.Value.GetProperty("properties").GetProperty("headers");
        Assert.Contains("indicator", headers.GetProperty("MT-Fault-Message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0L, await platform.ScalarAsync<long>("reporting", "SELECT count(*) FROM rm_observations WHERE source = $1", $"E2E poison-{run}"));
        Assert.Equal(0L, await platform.ScalarAsync<long>("reporting", "SELECT count(*) FROM inbox_messages WHERE message_id = $1", poisonId));
    }

    // A unit of its own per run: the read model keeps the first copy of a figure's revision, and earlier runs exist.
    private static string Unit(string name) => "e2e-" + name;

    private static object Batch(string name, string? indicator) => new
    {
        batchId = "e2e-" + name,
        source = "E2E " + name,
        receivedAt = DateTimeOffset.UtcNow,
        accepted = 1, revised = 0, unchanged = 0,
        indicators = new[] { indicator ?? "" }, units = new[] { Unit(name) }, periods = new[] { "1991-01" },
        valuesIncluded = true,
        values = new[] { new { indicator, unit = Unit(name), period = "1991-01", breakdown = "total", value = 7m, revision = 1, source = "E2E " + name } },
        occurredAt = DateTimeOffset.UtcNow,
    };
}
