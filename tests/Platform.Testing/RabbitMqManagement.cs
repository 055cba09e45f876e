using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Testing;

/// <summary>What tests read from and put on a virtual host through the RabbitMQ management API.</summary>
public static class RabbitMqManagement
{
    /// <summary>Takes (and removes, unless <paramref name="requeue"/>) up to <paramref name="count"/> messages from a queue, with their headers.</summary>
    public static async Task<IReadOnlyList<JsonElement>> GetMessagesAsync(HttpClient management, string virtualHost, string queue, int count = 10, bool requeue = false)
    {
        var response = await management.PostAsJsonAsync($"api/queues/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(queue)}/get",
            new { count, ackmode = requeue ? "ack_requeue_true" : "ack_requeue_false", encoding = "auto" });
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return [];
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<List<JsonElement>>() ?? [];
    }

    /// <summary>
    /// Publishes a MassTransit envelope by hand (what a foreign or broken publisher could send) to the
    /// exchange MassTransit names after the message type, e.g. "Platform.Contracts.Events.Labour.V1:ObservationsPublished".
    /// </summary>
    public static async Task PublishEnvelopeAsync(HttpClient management, string virtualHost, string messageType, Guid messageId, object message)
    {
        var envelope = new
        {
            messageId,
            messageType = new[] { "urn:message:" + messageType },
            message,
            sentTime = DateTimeOffset.UtcNow,
            headers = new { },
        };
        var body = new
        {
            properties = new { content_type = "application/vnd.masstransit+json", message_id = messageId.ToString(), delivery_mode = 2 },
            routing_key = "",
            payload = JsonSerializer.Serialize(envelope, JsonSerializerOptions.Web),
            payload_encoding = "string",
        };
        var response = await management.PostAsJsonAsync($"api/exchanges/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(messageType)}/publish", body);
        response.EnsureSuccessStatusCode();
        var routed = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("routed").GetBoolean();
        if (!routed) throw new InvalidOperationException($"{messageType} was routed to no queue (is its consumer's queue bound?)");
    }
}
