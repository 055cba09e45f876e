namespace PupFeed.Cli;

/// <summary>Settings from the command line, falling back to PUP_FEED_* environment variables.</summary>
public sealed record FeedOptions
{
    public required Uri Address { get; init; }
    /// <summary>The office's API key, sent as metadata x-api-key. Best kept in the environment, not on the command line.</summary>
    public string? ApiKey { get; init; }
    public string Source { get; init; } = "PUP, sprawozdanie MRiPS-01";
    public int ChunkRows { get; init; } = 1000;
    public int Retries { get; init; } = 6;
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);
    public bool DryRun { get; init; }
    public TimeSpan WatchInterval { get; init; } = TimeSpan.FromMinutes(1);
    public bool Once { get; init; }
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(10);
}
