using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.ServiceDefaults.Persistence;

/// <summary>
/// Applies pending scripts in one transaction under a transaction-scoped advisory lock, so two
/// replicas starting together never race and a failed script leaves the schema as it was.
/// </summary>
public static class MigrationRunner
{
    // Any fixed number works: each service has its own database.
    private const long AdvisoryLockKey = 0x504C_4154_4D49_47; // "PLATMIG"

    public static async Task<IReadOnlyList<string>> ApplyAsync(
        NpgsqlDataSource dataSource, IEnumerable<MigrationSource> sources, ILogger logger, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
        await Execute(connection, transaction,
            "CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
            cancellationToken);

        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("SELECT id FROM schema_migrations", connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) applied.Add(reader.GetString(0));
        }

        var newlyApplied = new List<string>();
        foreach (var script in sources.SelectMany(s => s.LoadScripts()))
        {
            if (applied.Contains(script.Id)) continue;
            logger.LogInformation("Applying migration {MigrationId}", script.Id);
            await Execute(connection, transaction, script.Sql, cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (id) VALUES ($1)", connection, transaction);
            record.Parameters.AddWithValue(script.Id);
            await record.ExecuteNonQueryAsync(cancellationToken);
            newlyApplied.Add(script.Id);
        }

        await transaction.CommitAsync(cancellationToken);
        // Types created by a migration (enums, PostGIS) must be visible to this data source's connections.
        if (newlyApplied.Count > 0) await connection.ReloadTypesAsync(cancellationToken);
        return newlyApplied;
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }
}
