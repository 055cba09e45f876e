namespace Platform.Messaging;

public static class MessageHeaders
{
    /// <summary>The aggregate (strategy, zone, batch…) an event belongs to; consumers order by it.</summary>
    public const string AggregateId = "Platform-Aggregate-Id";
}
