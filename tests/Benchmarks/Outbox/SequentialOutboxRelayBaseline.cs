using System.Text.Json;
using MassTransit;
using Npgsql;
using Platform.Messaging;

namespace Benchmarks.Outbox;

/// <summary>
/// The baseline: the outbox relay's algorithm before issue 20, kept as it was (minus the back-off loop around
/// it): one row at a time, each awaiting the broker's confirm and its own UPDATE before the next.
/// </summary>
public sealed class SequentialOutboxRelayBaseline(NpgsqlDataSource dataSource, IBus bus, int batchSize = 100)
{
    private const long RelayLockKey = 0x504C_4154_4F55_54;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Relays batch after batch until a batch comes back short.</summary>
    public async Task RunUntilEmptyAsync(CancellationToken ct)
    {
        while (await RelayBatchAsync(ct) == batchSize) { }
    }

    private async Task<int> RelayBatchAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_try_advisory_xact_lock({RelayLockKey})", connection, transaction))
        {
            if (!(bool)(await lockCommand.ExecuteScalarAsync(ct))!) return 0;
        }

        var rows = await ReadPendingAsync(connection, transaction, ct);
        var published = 0;
        foreach (var row in rows)
        {
            var type = Type.GetType(row.MessageType, throwOnError: true)!;
            var message = JsonSerializer.Deserialize(row.Body, type, Json)!;
            using var span = MessagingActivity.StartPublish(row.TraceParent, row.MessageType);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await bus.Publish(message, type, context =>
            {
                context.MessageId = row.MessageId;
                if (Guid.TryParse(row.CorrelationId, out var correlation)) context.CorrelationId = correlation;
                context.Headers.Set(Platform.Messaging.MessageHeaders.AggregateId, row.AggregateId);
            }, timeout.Token);

            await using var mark = new NpgsqlCommand("UPDATE outbox_messages SET published_at = now(), last_error = NULL WHERE id = $1", connection, transaction);
            mark.Parameters.AddWithValue(row.Id);
            await mark.ExecuteNonQueryAsync(CancellationToken.None);
            published++;
            MessagingMetrics.OutboxPublished.Add(1);
        }

        await transaction.CommitAsync(ct);
        return rows.Count;
    }

    private sealed record Row(long Id, Guid MessageId, string AggregateId, string MessageType, string Body, string? CorrelationId, string? TraceParent);

    private async Task<List<Row>> ReadPendingAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        const string sql = """
            SELECT id, message_id, aggregate_id, message_type, body::text, correlation_id, trace_parent
            FROM outbox_messages WHERE published_at IS NULL AND dead_at IS NULL ORDER BY id LIMIT $1
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue(batchSize);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<Row>();
        while (await reader.ReadAsync(ct))
            rows.Add(new Row(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        return rows;
    }
}
