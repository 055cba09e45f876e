using Grpc.Health.V1;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Grpc.Health;

/// <summary>Runs the ASP.NET Core (readiness) health checks periodically and publishes the result as gRPC health.</summary>
internal sealed class HealthCheckPoller(
    IServiceProvider services,
    HealthStatusManager statuses,
    GrpcServiceRegistry registry,
    IOptions<GrpcHealthOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<HealthCheckPoller> logger) : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Report NOT_SERVING and end Watch streams as soon as the host starts stopping.
        lifetime.ApplicationStopping.Register(statuses.Shutdown);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var healthChecks = services.GetService(typeof(HealthCheckService)) as HealthCheckService;
        if (healthChecks is null)
        {
            return;
        }
        var predicate = options.Value.Predicate ?? DefaultPredicate();
        using var timer = new PeriodicTimer(options.Value.Interval);
        do
        {
            try
            {
                var report = await healthChecks.CheckHealthAsync(predicate, stoppingToken).ConfigureAwait(false);
                var status = report.Status == HealthStatus.Unhealthy
                    ? HealthCheckResponse.Types.ServingStatus.NotServing
                    : HealthCheckResponse.Types.ServingStatus.Serving;
                if (statuses.IsShuttingDown)
                {
                    return;
                }
                statuses.SetStatus("", status);
                if (options.Value.UpdateServiceStatuses)
                {
                    foreach (var service in registry.Services)
                    {
                        statuses.SetStatus(service.FullName, status);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Health checks failed to run.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private Func<HealthCheckRegistration, bool> DefaultPredicate()
    {
        var registrations = (services.GetService(typeof(IOptions<HealthCheckServiceOptions>)) as IOptions<HealthCheckServiceOptions>)?.Value.Registrations;
        var anyReady = registrations?.Any(r => r.Tags.Contains("ready")) ?? false;
        return anyReady ? r => r.Tags.Contains("ready") : _ => true;
    }
}
