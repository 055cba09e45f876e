namespace Platform.Messaging.Outbox;

public sealed class OutboxRelayOptions
{
    /// <summary>Rows read, published and marked per transaction.</summary>
    public int BatchSize { get; set; } = 4000;
    /// <summary>
    /// How many aggregates of a batch are published at once. The rows of one aggregate always go out one
    /// after another, each only once the broker confirmed the one before.
    /// </summary>
    public int Concurrency { get; set; } = 512;
    /// <summary>How often the relay looks for rows when nothing signals it (rows written by another replica).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>How long one publish may wait for the broker's confirmation.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan MinBackoff { get; set; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>How long the relay waits at start-up for the bus to bind this service's queues before publishing.</summary>
    public TimeSpan StartupWait { get; set; } = TimeSpan.FromSeconds(30);
}
