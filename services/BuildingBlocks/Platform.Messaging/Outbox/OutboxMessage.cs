using System.Diagnostics;
using System.Text.Json;

namespace Platform.Messaging.Outbox;

/// <summary>An integration event waiting in the service's own database to be published.</summary>
public sealed class OutboxMessage
{
    public long Id { get; private set; }
    public Guid MessageId { get; private set; }
    public string AggregateId { get; private set; } = "";
    public string MessageType { get; private set; } = "";
    public string Body { get; private set; } = "";
    public string? CorrelationId { get; private set; }
    /// <summary>The W3C traceparent of the change that wrote the row: its consumers continue that trace.</summary>
    public string? TraceParent { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }
    public DateTimeOffset? NextAttemptAt { get; private set; }
    public DateTimeOffset? DeadAt { get; private set; }

    public static OutboxMessage Create(string aggregateId, object message, string? correlationId = null)
    {
        var type = message.GetType();
        return new OutboxMessage
        {
            MessageId = Guid.NewGuid(),
            AggregateId = aggregateId,
            MessageType = MessageTypeName(type),
            Body = JsonSerializer.Serialize(message, type, OutboxJson.Options),
            CorrelationId = correlationId,
            TraceParent = Activity.Current?.Id,
            OccurredAt = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>"Namespace.Type, Assembly": stable across versions of the contracts assembly.</summary>
    public static string MessageTypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}

internal static class OutboxJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
