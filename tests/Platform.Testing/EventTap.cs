using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Testing;

/// <summary>
/// A queue bound to the exchanges of a service's integration events, so a test sees exactly what a
/// consumer would receive (each message once per publication, with its MassTransit message id).
/// Drained messages are kept, so tests sharing a fixture do not take each other's events.
/// </summary>
public sealed class EventTap(TestVirtualHost virtualHost, string queue, string eventNamespace, IEnumerable<string> eventTypes)
{
    private readonly List<TappedEvent> _events = [];
    private readonly SemaphoreSlim _lock = new(1, 1);

    /// <summary>Declares the event exchanges (as MassTransit does: fanout, durable) and binds the queue to them.</summary>
    public async Task BindAsync()
    {
        using var management = TestVirtualHost.CreateManagementClient();
        var vhost = Uri.EscapeDataString(virtualHost.Name);
        (await management.PutAsJsonAsync($"api/queues/{vhost}/{queue}", new { durable = true, auto_delete = false })).EnsureSuccessStatusCode();
        foreach (var type in eventTypes)
        {
            var exchange = Uri.EscapeDataString($"{eventNamespace}:{type}");
            (await management.PutAsJsonAsync($"api/exchanges/{vhost}/{exchange}", new { type = "fanout", durable = true, auto_delete = false }))
                .EnsureSuccessStatusCode();
            (await management.PostAsJsonAsync($"api/bindings/{vhost}/e/{exchange}/q/{queue}", new { routing_key = "" }))
                .EnsureSuccessStatusCode();
        }
    }

    /// <summary>Everything the tap has received so far.</summary>
    public async Task<IReadOnlyList<TappedEvent>> EventsAsync()
    {
        await _lock.WaitAsync();
        try
        {
            while (true)
            {
                var batch = await virtualHost.GetMessagesAsync(queue, 500);
                foreach (var message in batch)
                {
                    using var envelope = JsonDocument.Parse(message.GetProperty("payload").GetString()!);
                    var root = envelope.RootElement;
                    var urn = root.GetProperty("messageType")[0].GetString()!;
                    _events.Add(new TappedEvent(urn[(urn.LastIndexOf(':') + 1)..], root.GetProperty("messageId").GetString()!,
                        root.GetProperty("message").Clone()));
                }
                if (batch.Count < 500) break;
            }
            return [.. _events];
        }
        finally { _lock.Release(); }
    }
}

public sealed record TappedEvent(string Type, string MessageId, JsonElement Message);
