namespace Platform.ServiceDefaults.Health;

public static class HealthTags
{
    /// <summary>The process is up; a failing live check means restart it.</summary>
    public const string Live = "live";
    /// <summary>The process can serve: its database and broker answer.</summary>
    public const string Ready = "ready";
}
