using Catalogue.Api.Application;
using Catalogue.Api.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Catalogue.Api.Import;

/// <summary>
/// Imports the shipped Chrzanów strategy (DemoData/, embedded) at start-up when DemoData:Import is
/// true and the strategy is not there yet, so a fresh platform has something to show. Runs after the
/// migrations (hosted services start in registration order); a failure is logged, not fatal.
/// </summary>
public sealed class DemoDataImporter(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<DemoDataImporter> logger) : IHostedService
{
    public const string ResourceName = "DemoData.chrzanow-strategy-2015-2023.json";

    public static Stream OpenDemoJson() =>
        typeof(DemoDataImporter).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("DemoData:Import", false)) return;
        try
        {
            await using var stream = OpenDemoJson();
            var doc = await JsonStrategyReader.ReadAsync(stream, cancellationToken);
            var code = doc.Code ?? StrategyCodes.FromName(doc.Name ?? "", doc.PeriodFrom, doc.PeriodTo);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CatalogueDbContext>();
            if (await db.Strategies.AnyAsync(s => s.Code == code, cancellationToken))
            {
                logger.LogInformation("Demo strategy {Code} already in the catalogue; not imported again", code);
                return;
            }
            var report = await scope.ServiceProvider.GetRequiredService<StrategyImport>().ImportAsync(doc, cancellationToken);
            logger.LogInformation("Demo strategy {Code} imported: {Directions} directions, {Entries} entries, {Unmapped} unmapped values",
                report.StrategyCode, report.NodeCounts.GetValueOrDefault("direction"), report.EntriesRecorded, report.Unmapped.Count);
        }
        catch (ConcurrencyConflictException)
        {
            logger.LogInformation("Demo strategy imported concurrently by another replica");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Importing the demo strategy failed; the service runs without it");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
