namespace PupFeed.Cli;

/// <summary>What the process exit code tells the scheduler (systemd, cron) and the clerk.</summary>
public static class ExitCodes
{
    /// <summary>Sent and accepted (or accepted earlier: a re-run after a crash).</summary>
    public const int Ok = 0;
    /// <summary>The file has bad rows: nothing was written; the report names every row.</summary>
    public const int Rejected = 1;
    /// <summary>Wrong command line or configuration.</summary>
    public const int Usage = 2;
    /// <summary>The platform could not be reached after all retries; run again later (safe).</summary>
    public const int Unavailable = 3;
    /// <summary>Anything else (unreadable file, unexpected answer).</summary>
    public const int Failed = 4;
}
