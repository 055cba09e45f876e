using System.Diagnostics;

namespace Platform.Messaging;

/// <summary>Spans of the durable messaging path (the relay's publish of a stored message).</summary>
public static class MessagingActivity
{
    public const string SourceName = "Platform.Messaging";
    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>A producer span whose parent is the stored traceparent (none when the row has none or nobody listens).</summary>
    public static Activity? StartPublish(string? traceParent, string messageType)
    {
        if (!Source.HasListeners()) return null; // nothing records spans: spare the relay the parse, per message
        var parent = ActivityContext.TryParse(traceParent, null, out var context) ? context : default;
        var activity = Source.StartActivity("outbox publish", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.message.type", messageType);
        return activity;
    }
}
