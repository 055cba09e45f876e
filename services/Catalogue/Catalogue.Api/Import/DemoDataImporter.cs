using System.Diagnostics;
using Catalogue.Api.Application;
using Catalogue.Api.Persistence;
using Microsoft.EntityFrameworkCore;
using Platform.Territory.Persistence;

namespace Catalogue.Api.Import;

/// <summary>
/// Imports the shipped Chrzanów strategy (DemoData/, embedded) at start-up when DemoData:Import is true and the
/// strategy is not there yet, so a fresh platform has something to show. The document names its powiat and gminy by
/// word, so it waits (up to <see cref="RegisterWait"/>) for the copy of the TERYT register: labour publishes it after
/// it starts. Runs in the background after the migrations (hosted services start in registration order), so the
/// wait never holds up the service; a failure is logged, not fatal.
/// </summary>
public sealed class DemoDataImporter(
    IServiceScopeFactory scopes, TerritoryRegisterCache register, IConfiguration configuration, ILogger<DemoDataImporter> logger)
    : BackgroundService
{
    public const string ResourceName = "DemoData.chrzanow-strategy-2015-2023.json";
    public static readonly TimeSpan RegisterWait = TimeSpan.FromMinutes(2);

    public static Stream OpenDemoJson() =>
        typeof(DemoDataImporter).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        configuration.GetValue("DemoData:Import", false) ? ImportAsync(stoppingToken) : Task.CompletedTask;

    /// <summary>Waits for the register copy, then imports the demo strategy unless it is already there.</summary>
    public async Task ImportAsync(CancellationToken ct)
    {
        try
        {
            if (!await register.WaitUntilLoadedAsync(RegisterWait, logger, "importing the demo strategy", ct))
            {
                logger.LogWarning("The TERYT register copy is still empty after {Wait}; the demo strategy is not imported " +
                    "(load the register in labour, then restart the catalogue)", RegisterWait);
                return;
            }
            await using var stream = OpenDemoJson();
            var doc = await JsonStrategyReader.ReadAsync(stream, ct);
            var code = doc.Code ?? StrategyCodes.FromName(doc.Name ?? "", doc.PeriodFrom, doc.PeriodTo);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CatalogueDbContext>();
            if (await db.Strategies.AnyAsync(s => s.Code == code, ct))
            {
                logger.LogInformation("Demo strategy {Code} already in the catalogue; not imported again", code);
                return;
            }
            var report = await scope.ServiceProvider.GetRequiredService<StrategyImport>().ImportAsync(doc, ct);
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
}
