using System.Diagnostics;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>The platform's own spans (the outbox relay's publish of a stored message, a job's run).</summary>
public static class PlatformActivity
{
    public const string SourceName = "Platform";
    public static readonly ActivitySource Source = new(SourceName);
}
