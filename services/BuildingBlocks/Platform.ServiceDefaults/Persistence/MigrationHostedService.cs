using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.ServiceDefaults.Persistence;

/// <summary>
/// Migrates the database before anything else starts: hosted services start in registration
/// order and the web server only after them, so no request or consumer sees an old schema.
/// With Migrations:Only (a Kubernetes Job before a rollout) the host stops once the schema is up to date.
/// </summary>
public sealed class MigrationHostedService(
    NpgsqlDataSource dataSource, IEnumerable<MigrationSource> sources, IConfiguration configuration,
    IHostApplicationLifetime lifetime, ILogger<MigrationHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await MigrationRunner.ApplyAsync(dataSource, sources, logger, cancellationToken);
        logger.LogInformation("Database schema up to date ({Count} migrations applied now)", applied.Count);
        if (configuration.GetValue("Migrations:Only", false)) lifetime.StopApplication();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
