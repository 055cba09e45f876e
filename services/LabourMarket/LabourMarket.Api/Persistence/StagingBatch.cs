using System.Text.Json;
using LabourMarket.Api.Application;
using LabourMarket.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Platform.Contracts.Events.Labour.V1;

namespace LabourMarket.Api.Persistence;

/// <summary>
/// One batch on its way into <c>observations</c>: rows are binary-COPYed into a temporary staging table
/// as they arrive (so a large batch is never held in memory), then merged by one set-based statement.
/// Everything happens in one transaction on the context's connection, so the batch record and the
/// outbox event commit with the figures — or nothing does.
/// </summary>
public sealed class StagingBatch : IAsyncDisposable
{
    // One merge at a time: two batches revising the same figure must not both write revision n+1.
    private const long MergeLockKey = 0x4C_4142_4F55_524D; // "LABOURM"

    // Statements over a whole batch run as long as the batch needs (a million rows: tens of seconds, far
    // beyond Npgsql's 30 s default); the caller's cancellation (deadline, disconnect) still stops them.
    private const int NoTimeout = 0;

    private readonly LabourMarketDbContext _db;
    private readonly IDbContextTransaction _transaction;
    private NpgsqlBinaryImporter? _importer;

    private StagingBatch(LabourMarketDbContext db, IDbContextTransaction transaction, NpgsqlBinaryImporter importer)
    {
        _db = db;
        _transaction = transaction;
        _importer = importer;
    }

    private NpgsqlConnection Connection => (NpgsqlConnection)_db.Database.GetDbConnection();

    public static async Task<StagingBatch> BeginAsync(LabourMarketDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var transaction = await db.Database.BeginTransactionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var create = new NpgsqlCommand("""
            CREATE TEMPORARY TABLE labour_staging (
                row_no bigint NOT NULL, indicator_code text COLLATE "C" NOT NULL, unit_teryt text COLLATE "C" NOT NULL,
                period text COLLATE "C" NOT NULL, period_kind text COLLATE "C" NOT NULL, breakdown text COLLATE "C" NOT NULL,
                value double precision NOT NULL, source text NULL
            ) ON COMMIT DROP;
            -- Hash joins and aggregates over a million staged rows stay in memory instead of spilling to disk.
            SET LOCAL work_mem = '64MB';
            """, connection))
        {
            await create.ExecuteNonQueryAsync(ct);
        }
        var importer = await connection.BeginBinaryImportAsync(
            "COPY labour_staging (row_no, indicator_code, unit_teryt, period, period_kind, breakdown, value, source) FROM STDIN (FORMAT BINARY)", ct);
        return new StagingBatch(db, transaction, importer);
    }

    public async ValueTask WriteAsync(ValidRow row, CancellationToken ct)
    {
        var importer = _importer!;
        await importer.StartRowAsync(ct);
        await importer.WriteAsync(row.Row, NpgsqlDbType.Bigint, ct);
        await importer.WriteAsync(row.Indicator, NpgsqlDbType.Text, ct);
        await importer.WriteAsync(row.Unit, NpgsqlDbType.Text, ct);
        await importer.WriteAsync(row.Period.ToString(), NpgsqlDbType.Text, ct);
        await importer.WriteAsync(row.Period.KindCode, NpgsqlDbType.Text, ct);
        await importer.WriteAsync(row.Breakdown, NpgsqlDbType.Text, ct);
        await importer.WriteAsync(row.Value, NpgsqlDbType.Double, ct);
        if (row.Source is null) await importer.WriteNullAsync(ct);
        else await importer.WriteAsync(row.Source, NpgsqlDbType.Text, ct);
    }

    /// <summary>Ends the COPY; afterwards the staging table holds the whole batch (with statistics, for the merge's plan).</summary>
    public async Task CompleteCopyAsync(CancellationToken ct)
    {
        await _importer!.CompleteAsync(ct);
        await _importer.DisposeAsync();
        _importer = null;
        await using var analyze = new NpgsqlCommand("ANALYZE labour_staging", Connection) { CommandTimeout = NoTimeout };
        await analyze.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Rows that name the same figure twice in one batch (the batch would contradict itself).</summary>
    public async Task<List<RowRejection>> FindDuplicateKeysAsync(int limit, CancellationToken ct)
    {
        // A hash aggregate finds the keys seen twice; only then are their other rows looked up (an empty
        // result skips the join's scan), so a clean batch pays one pass over the staging table.
        const string sql = """
            SELECT s.row_no, d.first_row, d.indicator_code, d.unit_teryt, d.period, d.breakdown
            FROM (SELECT indicator_code, unit_teryt, period, period_kind, breakdown, min(row_no) AS first_row
                  FROM labour_staging GROUP BY indicator_code, unit_teryt, period, period_kind, breakdown
                  HAVING count(*) > 1 LIMIT $1) d
            JOIN labour_staging s USING (indicator_code, unit_teryt, period, period_kind, breakdown)
            WHERE s.row_no <> d.first_row
            ORDER BY s.row_no
            """;
        await using var command = new NpgsqlCommand(sql, Connection) { CommandTimeout = NoTimeout, Parameters = { new() { Value = limit } } };
        await using var reader = await command.ExecuteReaderAsync(ct);
        var duplicates = new List<RowRejection>();
        while (await reader.ReadAsync(ct))
        {
            duplicates.Add(new RowRejection(reader.GetInt64(0), "row", "duplicate_key",
                $"Ta sama dana ({reader.GetString(2)}, {reader.GetString(3)}, {reader.GetString(4)}, {reader.GetString(5)}) występuje już w wierszu {reader.GetInt64(1)}."));
        }
        return duplicates;
    }

    /// <summary>Waits for other merges, then returns the batch if someone accepted it meanwhile.</summary>
    public async Task<ObservationBatch?> LockAndFindBatchAsync(string batchId, CancellationToken ct)
    {
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({MergeLockKey})", Connection) { CommandTimeout = NoTimeout })
            await command.ExecuteNonQueryAsync(ct);
        return await _db.Batches.AsNoTracking().FirstOrDefaultAsync(b => b.BatchId == batchId, ct);
    }

    public sealed record MergeResult(long Accepted, long Revised, string[] Indicators, string[] Units, string[] Periods,
        PublishedObservation[]? Values);

    /// <summary>
    /// New keys become revision 1; a different value for a known key supersedes the current revision and
    /// becomes the next one; an equal value changes nothing. One statement over the staging table.
    /// </summary>
    public async Task<MergeResult> MergeAsync(string batchId, string source, DateTimeOffset now, CancellationToken ct)
    {
        // Both sub-statements see the table as it was before the statement (one snapshot): the UPDATE closes
        // the current revisions that change, the INSERT reads them to number the new ones. No intermediate
        // result is materialised; only the inserted rows are returned, for the answer and the event.
        const string sql = """
            WITH superseded AS (
                UPDATE observations o SET superseded_at = $3
                FROM labour_staging s
                WHERE o.indicator_code = s.indicator_code AND o.unit_teryt = s.unit_teryt AND o.breakdown = s.breakdown
                  AND o.period_kind = s.period_kind AND o.period = s.period AND o.superseded_at IS NULL AND o.value <> s.value::numeric
                RETURNING o.id
            ),
            inserted AS (
                INSERT INTO observations (indicator_code, unit_teryt, period, period_kind, breakdown, revision, value, source, batch_id, received_at)
                SELECT s.indicator_code, s.unit_teryt, s.period, s.period_kind, s.breakdown, COALESCE(o.revision, 0) + 1, s.value::numeric,
                       COALESCE(s.source, $2), $1, $3
                FROM labour_staging s
                LEFT JOIN observations o
                  ON o.indicator_code = s.indicator_code AND o.unit_teryt = s.unit_teryt AND o.breakdown = s.breakdown
                 AND o.period_kind = s.period_kind AND o.period = s.period AND o.superseded_at IS NULL
                WHERE o.id IS NULL OR o.value <> s.value::numeric
                RETURNING indicator_code, unit_teryt, period, breakdown, revision, value, source
            ),
            counts AS (
                SELECT count(*) FILTER (WHERE revision = 1) AS accepted, count(*) FILTER (WHERE revision > 1) AS revised FROM inserted
            )
            SELECT
                (SELECT accepted FROM counts),
                (SELECT revised FROM counts),
                (SELECT coalesce(array_agg(x ORDER BY x), '{}') FROM (SELECT DISTINCT indicator_code AS x FROM inserted) d),
                (SELECT coalesce(array_agg(x ORDER BY x), '{}') FROM (SELECT DISTINCT unit_teryt AS x FROM inserted) d),
                (SELECT coalesce(array_agg(x ORDER BY x), '{}') FROM (SELECT DISTINCT period AS x FROM inserted) d),
                (SELECT json_agg(json_build_array(indicator_code, unit_teryt, period, breakdown, value, revision, source))
                   FROM (SELECT * FROM inserted LIMIT $4) i),
                (SELECT count(*) FROM superseded)
            """;
        await using var command = new NpgsqlCommand(sql, Connection)
        {
            CommandTimeout = NoTimeout,
            Parameters =
            {
                new() { Value = batchId },
                new() { Value = source },
                new() { Value = now },
                new() { Value = ObservationsPublished.MaxValues + 1 },
            },
        };
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var accepted = reader.GetInt64(0);
        var revised = reader.GetInt64(1);
        var values = accepted + revised <= ObservationsPublished.MaxValues && !reader.IsDBNull(5)
            ? ParseValues(reader.GetString(5))
            : accepted + revised == 0 ? [] : null;
        return new MergeResult(accepted, revised, reader.GetFieldValue<string[]>(2), reader.GetFieldValue<string[]>(3),
            reader.GetFieldValue<string[]>(4), values);
    }

    private static PublishedObservation[] ParseValues(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Select(e => new PublishedObservation(
            e[0].GetString()!, e[1].GetString()!, e[2].GetString()!, e[3].GetString()!, e[4].GetDecimal(), e[5].GetInt32(), e[6].GetString()!))
            .ToArray();
    }

    /// <summary>Stores the batch record and whatever the context tracks (the outbox event) and commits.</summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        await _db.SaveChangesAsync(ct);
        await _transaction.CommitAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        // An importer disposed before CompleteAsync cancels the COPY; an uncommitted transaction rolls back.
        if (_importer is not null)
        {
            try { await _importer.DisposeAsync(); } catch (NpgsqlException) { /* the rollback below discards it anyway */ }
        }
        await _transaction.DisposeAsync();
        await _db.Database.CloseConnectionAsync();
    }
}
