using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Grpc.Health;

/// <summary>How ASP.NET Core health checks drive the gRPC health status.</summary>
public sealed class GrpcHealthOptions
{
    /// <summary>How often the health checks run. Default 5 s.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Which checks count (readiness). Default: checks tagged "ready" when any is; otherwise all.
    /// </summary>
    public Func<HealthCheckRegistration, bool>? Predicate { get; set; }

    /// <summary>Whether mapped services follow the overall status too. Default true.</summary>
    public bool UpdateServiceStatuses { get; set; } = true;
}
