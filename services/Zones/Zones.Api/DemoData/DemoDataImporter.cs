using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using Platform.Territory.Persistence;
using Zones.Api.Api.Rest;
using Zones.Api.Application;
using Zones.Api.Persistence;

namespace Zones.Api.DemoData;

/// <summary>
/// With DemoData:Import = true, loads the zones named in the Chrzanów county strategy, the A4
/// junctions and town centres at start-up. Idempotent: places are upserted by code, zones are
/// registered (through the same use case as the API, so their events go out) only when their fixed
/// id is not there yet. Boundaries and junction positions are approximate and flagged so. A zone's gmina
/// must be in the copy of the TERYT register, which labour publishes after it starts: the import waits for
/// it (up to <see cref="RegisterWait"/>) in the background, so the service itself starts at once.
/// </summary>
public sealed class DemoDataImporter(
    IServiceScopeFactory scopes, TerritoryRegisterCache register, IConfiguration configuration, ILogger<DemoDataImporter> logger)
    : BackgroundService
{
    public const string ResourceName = "DemoData.zones-demo.json";
    public static readonly TimeSpan RegisterWait = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("DemoData:Import", false)) return;
        try
        {
            if (await register.WaitUntilLoadedAsync(RegisterWait, logger, "importing the demo zones", stoppingToken)) await ImportAsync(stoppingToken);
            else logger.LogWarning("The TERYT register copy is still empty after {Wait}; the demo zones are not imported " +
                "(load the register in labour, then restart the zones service)", RegisterWait);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped while waiting or importing: the next start imports what is missing.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Demo zones were not imported");
        }
    }

    // The demo file carries what the API does not take (ids, the approximate-boundary note): read leniently, unlike a request.
    private static readonly JsonSerializerOptions DemoJson = new(JsonSerializerDefaults.Web);

    /// <summary>Imports the reference places and the zones not there yet (the register copy must be loaded).</summary>
    public async Task ImportAsync(CancellationToken ct)
    {
        await using var stream = typeof(DemoDataImporter).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
        var root = document.RootElement;
        var places = root.GetProperty("referencePlaces").Deserialize<List<ReferencePlaceInput>>(DemoJson) ?? [];

        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var changedPlaces = await services.GetRequiredService<ReferencePlaceStore>().UpsertAsync(places, ct);
        if (changedPlaces > 0) await services.GetRequiredService<ZoneStore>().RefreshMotorwayAsync(null, ct);

        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var commands = services.GetRequiredService<ZoneCommands>();
        var registered = 0;
        foreach (var element in root.GetProperty("zones").EnumerateArray())
        {
            var id = element.GetProperty("id").GetGuid();
            await using (var exists = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM zones WHERE id = @id)"))
            {
                exists.Parameters.AddWithValue("id", id);
                if (await exists.ExecuteScalarAsync(ct) is true) continue;
            }
            var zone = element.Deserialize<ZoneRequest>(DemoJson)!;
            try
            {
                await commands.RegisterAsync(zone.ToInput(), WriteScope.System, ct, id);
                registered++;
            }
            catch (Exception ex) when (ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
                                         || ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Another replica imported it at the same moment.
            }
        }
        logger.LogInformation("Demo zones: {Places} reference places changed, {Zones} zones registered", changedPlaces, registered);
    }
}
