using System.Diagnostics.Metrics;

namespace Platform.Messaging;

/// <summary>Counters of the durable messaging path, exported through System.Diagnostics.Metrics.</summary>
public static class MessagingMetrics
{
    public const string MeterName = "Platform.Messaging";
    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> OutboxPublished = Meter.CreateCounter<long>("platform.outbox.published");
    public static readonly Counter<long> OutboxPublishFailures = Meter.CreateCounter<long>("platform.outbox.publish_failures");
    public static readonly Counter<long> InboxHandled = Meter.CreateCounter<long>("platform.inbox.handled");
    public static readonly Counter<long> InboxDuplicates = Meter.CreateCounter<long>("platform.inbox.duplicates");
}
