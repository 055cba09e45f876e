using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Platform.Messaging.Outbox;

/// <summary>
/// Publishes outbox rows to RabbitMQ in the order they were written, marking each one only after
/// the broker confirmed it. A failure stops the batch (so order is kept) and retries with back-off
/// until the broker takes the message; nothing is dropped, a restart resumes from the table.
/// One replica relays at a time (advisory lock); a message published twice because a commit was
/// lost after the broker confirmed it is harmless, as consumers are idempotent.
/// </summary>
public sealed class OutboxRelay(
    NpgsqlDataSource dataSource,
    IBus bus,
    IBusControl busControl,
    OutboxSignal signal,
    IOptions<OutboxRelayOptions> options,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private const long RelayLockKey = 0x504C_4154_4F55_54; // "PLATOUT"
    private readonly OutboxRelayOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await WaitForBusAsync(stoppingToken);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var result = await RelayBatchAsync(stoppingToken);
                failures = result.Failed ? failures + 1 : 0;
                if (result.Failed) wait = Backoff(failures);
                else if (result.Published == _options.BatchSize) continue;
                else wait = _options.PollInterval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                failures++;
                wait = Backoff(failures);
                logger.LogWarning(ex, "Outbox relay could not read the outbox; retrying in {Delay}", wait);
            }

            try { await signal.WaitAsync(wait, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>
    /// At start-up the relay waits (a while) for the bus to have bound its receive endpoints: a message published
    /// to an exchange before this service's own queue is bound to it is routed nowhere, and lost although the
    /// broker confirmed it. With the broker down it goes on after the wait; publishing then fails and is retried.
    /// </summary>
    private async Task WaitForBusAsync(CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + _options.StartupWait;
        while (busControl.CheckHealth().Status != BusHealthStatus.Healthy && DateTime.UtcNow < deadline)
        {
            try { await Task.Delay(100, ct); }
            catch (OperationCanceledException) { return; }
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var ms = _options.MinBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 16));
        return TimeSpan.FromMilliseconds(Math.Min(ms, _options.MaxBackoff.TotalMilliseconds));
    }

    internal readonly record struct BatchResult(int Published, bool Failed);

    private async Task<BatchResult> RelayBatchAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_try_advisory_xact_lock({RelayLockKey})", connection, transaction))
        {
            if (!(bool)(await lockCommand.ExecuteScalarAsync(ct))!) return new BatchResult(0, false);
        }

        var rows = await ReadPendingAsync(connection, transaction, ct);
        var published = 0;
        var failed = false;
        foreach (var row in rows)
        {
            if (row.NextAttemptAt is { } next && next > DateTimeOffset.UtcNow) { failed = true; break; }

            Type? type = Type.GetType(row.MessageType, throwOnError: false);
            if (type is null)
            {
                // A row no build of this service can read: set it aside with the reason rather than block the rest forever.
                logger.LogError("Outbox message {MessageId} has unknown type {MessageType}; marked dead", row.MessageId, row.MessageType);
                await ExecuteAsync(connection, transaction, "UPDATE outbox_messages SET dead_at = now(), last_error = $2 WHERE id = $1",
                    row.Id, $"unknown message type {row.MessageType}");
                continue;
            }

            try
            {
                var message = System.Text.Json.JsonSerializer.Deserialize(row.Body, type, OutboxJson.Options)!;
                // MassTransit's send span (and the traceparent header its consumers continue) hangs under this one,
                // whose parent is the request that wrote the row: one trace from the change to every consumer.
                using var span = MessagingActivity.StartPublish(row.TraceParent, row.MessageType);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(_options.PublishTimeout);
                await bus.Publish(message, type, context =>
                {
                    context.MessageId = row.MessageId;
                    if (Guid.TryParse(row.CorrelationId, out var correlation)) context.CorrelationId = correlation;
                    context.Headers.Set(MessageHeaders.AggregateId, row.AggregateId);
                }, timeout.Token);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                failed = true;
                MessagingMetrics.OutboxPublishFailures.Add(1);
                var retryIn = Backoff(row.Attempts + 1);
                logger.LogWarning(ex, "Publishing outbox message {MessageId} failed (attempt {Attempt}); retrying in {Delay}",
                    row.MessageId, row.Attempts + 1, retryIn);
                await ExecuteAsync(connection, transaction,
                    "UPDATE outbox_messages SET attempts = attempts + 1, last_error = $2, next_attempt_at = now() + $3 WHERE id = $1",
                    row.Id, ex.Message, retryIn);
                break; // keep order: nothing after a failed row goes out before it
            }

            await ExecuteAsync(connection, transaction, "UPDATE outbox_messages SET published_at = now(), last_error = NULL WHERE id = $1", row.Id);
            published++;
            MessagingMetrics.OutboxPublished.Add(1);
        }

        await transaction.CommitAsync(ct);
        return new BatchResult(published, failed);
    }

    private sealed record PendingRow(long Id, Guid MessageId, string AggregateId, string MessageType, string Body,
        string? CorrelationId, int Attempts, DateTimeOffset? NextAttemptAt, string? TraceParent);

    private async Task<List<PendingRow>> ReadPendingAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        const string sql = """
            SELECT id, message_id, aggregate_id, message_type, body::text, correlation_id, attempts, next_attempt_at, trace_parent
            FROM outbox_messages WHERE published_at IS NULL AND dead_at IS NULL ORDER BY id LIMIT $1
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue(_options.BatchSize);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<PendingRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new PendingRow(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt32(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
        }
        return rows;
    }

    // The relay's bookkeeping must land even while the host is stopping, hence no cancellation token.
    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var parameter in parameters) command.Parameters.AddWithValue(parameter);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
