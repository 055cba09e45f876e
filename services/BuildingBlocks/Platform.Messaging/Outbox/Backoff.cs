namespace Platform.Messaging.Outbox;

internal static class Backoff
{
    /// <summary>MinBackoff doubled per failure, at most MaxBackoff.</summary>
    public static TimeSpan For(OutboxRelayOptions options, int failures)
    {
        var ms = options.MinBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 16));
        return TimeSpan.FromMilliseconds(Math.Min(ms, options.MaxBackoff.TotalMilliseconds));
    }
}
