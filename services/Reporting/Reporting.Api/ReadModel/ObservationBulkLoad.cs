using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Reporting.Api.Persistence;

namespace Reporting.Api.ReadModel;

/// <summary>
/// Stores figure revisions in <c>rm_observations</c> in bulk: binary COPY into a temporary table, then one
/// INSERT … ON CONFLICT DO NOTHING, so 200 000 rows take seconds and a revision already held (from the
/// event, an earlier attempt, a rebuild) is kept as it is. Runs inside the caller's transaction on the
/// context's connection: the rows commit with the consumer's inbox record, or not at all.
/// </summary>
public static class ObservationBulkLoad
{
    // A whole batch or a full reload runs as long as it needs; the caller's cancellation still stops it.
    private const int NoTimeout = 0;

    /// <returns>Rows read, and how many of them were new to the read model.</returns>
    public static async Task<(long Read, long Added)> LoadAsync(
        ReportingDbContext db, IAsyncEnumerable<IReadOnlyList<RmObservation>> pages, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("The bulk load must run inside a transaction (its staging table lives until commit).");
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var create = new NpgsqlCommand("""
            CREATE TEMPORARY TABLE IF NOT EXISTS rm_observations_load (
                indicator text NOT NULL, unit text NOT NULL, period text NOT NULL, breakdown text NOT NULL, revision integer NOT NULL,
                value numeric NOT NULL, source text NOT NULL, received_at timestamptz NOT NULL, batch_id text NULL
            ) ON COMMIT DROP;
            TRUNCATE rm_observations_load;
            """, connection))
            await create.ExecuteNonQueryAsync(ct);

        long read = 0;
        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY rm_observations_load (indicator, unit, period, breakdown, revision, value, source, received_at, batch_id) FROM STDIN (FORMAT BINARY)", ct))
        {
            await foreach (var page in pages.WithCancellation(ct))
            {
                foreach (var o in page)
                {
                    await importer.StartRowAsync(ct);
                    await importer.WriteAsync(o.Indicator, NpgsqlDbType.Text, ct);
                    await importer.WriteAsync(o.Unit, NpgsqlDbType.Text, ct);
                    await importer.WriteAsync(o.Period, NpgsqlDbType.Text, ct);
                    await importer.WriteAsync(o.Breakdown, NpgsqlDbType.Text, ct);
                    await importer.WriteAsync(o.Revision, NpgsqlDbType.Integer, ct);
                    await importer.WriteAsync(o.Value, NpgsqlDbType.Numeric, ct);
                    await importer.WriteAsync(o.Source, NpgsqlDbType.Text, ct);
                    await importer.WriteAsync(o.ReceivedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
                    if (o.BatchId is null) await importer.WriteNullAsync(ct);
                    else await importer.WriteAsync(o.BatchId, NpgsqlDbType.Text, ct);
                }
                read += page.Count;
            }
            await importer.CompleteAsync(ct);
        }
        if (read == 0) return (0, 0);

        await using var insert = new NpgsqlCommand("""
            INSERT INTO rm_observations (indicator, unit, period, breakdown, revision, value, source, received_at, batch_id)
            SELECT indicator, unit, period, breakdown, revision, value, source, received_at, batch_id FROM rm_observations_load
            ON CONFLICT DO NOTHING
            """, connection) { CommandTimeout = NoTimeout };
        var added = await insert.ExecuteNonQueryAsync(ct);
        return (read, added);
    }
}
