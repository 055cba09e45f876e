using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Platform.Messaging.Outbox;

/// <summary>
/// Publishes outbox rows to RabbitMQ, marking them only after the broker confirmed them. A batch is read,
/// published concurrently across aggregates (each aggregate's rows in write order, see
/// <see cref="OutboxBatchPublisher"/>) and marked in one transaction. A failed row is retried with back-off,
/// and its aggregate waits behind it while the others go on; nothing is dropped, a restart resumes from the table.
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
    private static readonly TimeSpan MarkInterval = TimeSpan.FromMilliseconds(20);
    private const int MarkChunk = 250;
    private readonly OutboxBatchPublisher _publisher = new(bus, options.Value, logger);

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
                failures = result.BrokerFailed ? failures + 1 : 0;
                if (result.BrokerFailed) wait = Backoff.For(_options, failures);
                else if (result.Read == _options.BatchSize) continue;
                else wait = _options.PollInterval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                failures++;
                wait = Backoff.For(_options, failures);
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

    /// <param name="Read">Rows read (a full batch means more may wait).</param>
    /// <param name="BrokerFailed">A publish failed: the relay backs off before the next batch.</param>
    internal readonly record struct BatchResult(int Read, int Published, bool BrokerFailed);

    /// <summary>
    /// One batch under the relay lock, in one transaction: a batch starts only after the previous one committed,
    /// so a row marked failed there is already backing off (and its aggregate skipped) when the next is read.
    /// </summary>
    private async Task<BatchResult> RelayBatchAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_try_advisory_xact_lock({RelayLockKey})", connection, transaction))
        {
            if (!(bool)(await lockCommand.ExecuteScalarAsync(ct))!) return new BatchResult(0, 0, false);
        }

        var rows = await OutboxRows.ReadPendingAsync(connection, transaction, _options.BatchSize, ct);
        if (rows.Count == 0) return new BatchResult(0, 0, false);

        // Losing this commit in a crash of PostgreSQL only means publishing its rows again (consumers are idempotent),
        // so the relay does not wait for its commit to be flushed.
        await using (var relaxed = new NpgsqlCommand("SET LOCAL synchronous_commit = off", connection, transaction))
            await relaxed.ExecuteNonQueryAsync(ct);

        var outcome = new BatchOutcome();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var publishing = _publisher.PublishAsync(rows, outcome, stop.Token);
        try
        {
            // Confirmed rows are marked while the rest are still being published (same transaction, so the same
            // guarantees): the database's work overlaps the broker's instead of following it.
            while (!publishing.IsCompleted)
            {
                await Task.WhenAny(publishing, Task.Delay(MarkInterval, CancellationToken.None));
                if (outcome.UnmarkedCount >= MarkChunk) await OutboxRows.MarkPublishedAsync(connection, transaction, outcome.TakeUnmarked());
            }
            await publishing;
        }
        catch when (!publishing.IsCompleted)
        {
            // The database failed mid-batch: no publish of this batch may outlive it and race the next batch's.
            await stop.CancelAsync();
            try { await publishing; } catch (Exception ex) { logger.LogDebug(ex, "Outbox batch ended after a database failure"); }
            throw;
        }
        if (outcome.UnmarkedCount > 0) await OutboxRows.MarkPublishedAsync(connection, transaction, outcome.TakeUnmarked());
        foreach (var failed in outcome.Failed) await OutboxRows.MarkFailedAsync(connection, transaction, failed);
        foreach (var (id, reason) in outcome.Dead) await OutboxRows.MarkDeadAsync(connection, transaction, id, reason);
        // What the broker confirmed is recorded even while stopping, so a clean shutdown publishes nothing twice.
        await transaction.CommitAsync(CancellationToken.None);
        return new BatchResult(rows.Count, outcome.PublishedCount, outcome.BrokerFailed);
    }
}
