using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Platform.Messaging.Outbox;

/// <summary>
/// Publishes a batch with publisher confirms: different aggregates at once (up to
/// <see cref="OutboxRelayOptions.Concurrency"/>), the rows of one aggregate one after another in id order,
/// each only after the broker confirmed the previous one. A failed row ends its aggregate's turn, so
/// nothing of that aggregate overtakes it; other aggregates go on unless the broker itself failed.
/// </summary>
internal sealed class OutboxBatchPublisher(IBus bus, OutboxRelayOptions options, ILogger logger)
{
    // Type.GetType on an assembly-qualified name is not free; the names are few and fixed for a build.
    private readonly ConcurrentDictionary<string, Type?> _types = new(StringComparer.Ordinal);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);

    public async Task PublishAsync(IReadOnlyList<PendingRow> rows, BatchOutcome outcome, CancellationToken stopping)
    {
        // GroupBy keeps the order of first appearance and, within a group, the rows' id order.
        var aggregates = rows.GroupBy(r => r.AggregateId, StringComparer.Ordinal);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Concurrency) };
        // Once stopping, publishes under way get a short grace to be confirmed (and recorded), not the full timeout.
        using var grace = new CancellationTokenSource();
        await using var graceOnStop = stopping.Register(() => grace.CancelAfter(StopGrace));
        // One watchdog for the batch instead of a timer per message (a timer each costs more than the rest of the
        // relay's own work): when no confirm arrives for PublishTimeout, every publish under way is given up.
        using var stalled = CancellationTokenSource.CreateLinkedTokenSource(grace.Token);
        using var done = new CancellationTokenSource();
        var watchdog = WatchAsync(outcome, stalled, done.Token);
        try
        {
            await Parallel.ForEachAsync(aggregates, parallel, async (aggregate, _) =>
            {
                foreach (var row in aggregate)
                {
                    // Once stopping or the broker failed, no new publish starts; those under way finish and are recorded.
                    if (stopping.IsCancellationRequested || outcome.BrokerFailed) return;
                    if (!await PublishRowAsync(row, outcome, stalled.Token)) return;
                }
            });
        }
        finally
        {
            await done.CancelAsync();
            await watchdog;
        }
    }

    private async Task WatchAsync(BatchOutcome outcome, CancellationTokenSource stalled, CancellationToken done)
    {
        var confirmed = -1;
        var since = DateTime.UtcNow;
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(options.PublishTimeout.TotalMilliseconds / 10, 10, 500));
        while (!done.IsCancellationRequested)
        {
            try { await Task.Delay(tick, done); }
            catch (OperationCanceledException) { return; }
            var now = outcome.SettledCount;
            if (now != confirmed) (confirmed, since) = (now, DateTime.UtcNow);
            else if (DateTime.UtcNow - since > options.PublishTimeout) await stalled.CancelAsync();
        }
    }

    /// <summary>True when the aggregate may go on with its next row.</summary>
    private async Task<bool> PublishRowAsync(PendingRow row, BatchOutcome outcome, CancellationToken cancel)
    {
        var type = _types.GetOrAdd(row.MessageType, static name => Type.GetType(name, throwOnError: false));
        if (type is null)
        {
            logger.LogError("Outbox message {MessageId} has unknown type {MessageType}; marked dead", row.MessageId, row.MessageType);
            outcome.AddDead(row.Id, $"unknown message type {row.MessageType}");
            return true;
        }

        object message;
        try
        {
            message = System.Text.Json.JsonSerializer.Deserialize(row.Body, type, OutboxJson.Options)!;
        }
        catch (Exception ex)
        {
            Fail(row, ex, outcome, broker: false); // this row's own problem: other aggregates are not affected
            return false;
        }

        try
        {
            // MassTransit's send span (and the traceparent header its consumers continue) hangs under this one,
            // whose parent is the request that wrote the row: one trace from the change to every consumer.
            using var span = MessagingActivity.StartPublish(row.TraceParent, row.MessageType);
            await bus.Publish(message, type, context =>
            {
                context.MessageId = row.MessageId;
                if (Guid.TryParse(row.CorrelationId, out var correlation)) context.CorrelationId = correlation;
                context.Headers.Set(MessageHeaders.AggregateId, row.AggregateId);
            }, cancel);
        }
        catch (Exception ex)
        {
            Fail(row, ex, outcome, broker: true);
            return false;
        }

        outcome.AddPublished(row.Id);
        MessagingMetrics.OutboxPublished.Add(1);
        return true;
    }

    private void Fail(PendingRow row, Exception ex, BatchOutcome outcome, bool broker)
    {
        MessagingMetrics.OutboxPublishFailures.Add(1);
        var retryIn = Backoff.For(options, row.Attempts + 1);
        logger.LogWarning(ex, "Publishing outbox message {MessageId} failed (attempt {Attempt}); retrying in {Delay}",
            row.MessageId, row.Attempts + 1, retryIn);
        outcome.AddFailed(new FailedRow(row.Id, ex.Message, retryIn), broker);
    }
}
