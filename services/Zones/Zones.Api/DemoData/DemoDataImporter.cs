using System.Text.Json;
using Npgsql;
using Zones.Api.Api.Rest;
using Zones.Api.Application;
using Zones.Api.Persistence;

namespace Zones.Api.DemoData;

/// <summary>
/// With DemoData:Import = true, loads the zones named in the Chrzanów county strategy, the A4
/// junctions and town centres at start-up. Idempotent: places are upserted by code, zones are
/// registered (through the same use case as the API, so their events go out) only when their fixed
/// id is not there yet. Boundaries and junction positions are approximate and flagged so.
/// </summary>
public sealed class DemoDataImporter(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<DemoDataImporter> logger) : IHostedService
{
    public const string ResourceName = "DemoData.zones-demo.json";

    public async Task StartAsync(CancellationToken ct)
    {
        if (!configuration.GetValue("DemoData:Import", false)) return;
        await using var stream = typeof(DemoDataImporter).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
        var root = document.RootElement;
        var places = root.GetProperty("referencePlaces").Deserialize<List<ReferencePlaceInput>>(JsonBody.Options) ?? [];

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
            var zone = element.Deserialize<ZoneRequest>(JsonBody.Options)!;
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

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
