using Npgsql;
using NpgsqlTypes;

namespace Platform.Messaging.Outbox;

/// <summary>A row read by the relay, still to be published.</summary>
internal sealed record PendingRow(long Id, Guid MessageId, string AggregateId, string MessageType, string Body,
    string? CorrelationId, int Attempts, string? TraceParent);

/// <summary>A row whose publish failed, with the back-off before its next attempt.</summary>
internal sealed record FailedRow(long Id, string Error, TimeSpan RetryIn);

/// <summary>The relay's SQL on outbox_messages, all inside the batch's transaction.</summary>
internal static class OutboxRows
{
    /// <summary>
    /// The oldest pending rows, in id order, leaving out every aggregate from its backing-off row on: a row
    /// is read only if no earlier (or the same) pending row of its aggregate waits for a retry. So a batch
    /// holds, per aggregate, a prefix of its pending rows, and never a row behind a failed one.
    /// </summary>
    private const string PendingSql = """
        SELECT o.id, o.message_id, o.aggregate_id, o.message_type, o.body::text, o.correlation_id, o.attempts, o.trace_parent
        FROM outbox_messages o
        WHERE o.published_at IS NULL AND o.dead_at IS NULL
          AND NOT EXISTS (
              SELECT 1 FROM outbox_messages f
              WHERE f.aggregate_id = o.aggregate_id AND f.id <= o.id
                AND f.published_at IS NULL AND f.dead_at IS NULL AND f.next_attempt_at > now())
        ORDER BY o.id
        LIMIT $1
        """;

    public static async Task<List<PendingRow>> ReadPendingAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int limit, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(PendingSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<PendingRow>(limit);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new PendingRow(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }
        return rows;
    }

    // The bookkeeping below must land even while the host is stopping, hence no cancellation token.

    /// <summary>Marks every confirmed row in one statement.</summary>
    public static Task MarkPublishedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long[] ids) =>
        ExecuteAsync(connection, transaction, "UPDATE outbox_messages SET published_at = now(), last_error = NULL WHERE id = ANY($1)",
            new NpgsqlParameter<long[]> { TypedValue = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });

    /// <summary>
    /// One more attempt, the error and the time of the next try. The clock, not the transaction's start:
    /// a batch may take a while, and its back-off must still lie ahead when it commits.
    /// </summary>
    public static Task MarkFailedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, FailedRow row) =>
        ExecuteAsync(connection, transaction,
            "UPDATE outbox_messages SET attempts = attempts + 1, last_error = $2, next_attempt_at = clock_timestamp() + $3 WHERE id = $1",
            new NpgsqlParameter<long> { TypedValue = row.Id }, new NpgsqlParameter<string> { TypedValue = row.Error },
            new NpgsqlParameter<TimeSpan> { TypedValue = row.RetryIn });

    /// <summary>Sets a row aside with the reason (no build of this service can read it) rather than block the rest forever.</summary>
    public static Task MarkDeadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long id, string reason) =>
        ExecuteAsync(connection, transaction, "UPDATE outbox_messages SET dead_at = now(), last_error = $2 WHERE id = $1",
            new NpgsqlParameter<long> { TypedValue = id }, new NpgsqlParameter<string> { TypedValue = reason });

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
