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
        await Parallel.ForEachAsync(aggregates, parallel, async (aggregate, _) =>
        {
            foreach (var row in aggregate)
            {
                // Once stopping or the broker failed, no new publish starts; those under way finish and are recorded.
                if (stopping.IsCancellationRequested || outcome.BrokerFailed) return;
                if (!await PublishRowAsync(row, outcome, grace.Token)) return;
            }
        });
    }

    /// <summary>True when the aggregate may go on with its next row.</summary>
    private async Task<bool> PublishRowAsync(PendingRow row, BatchOutcome outcome, CancellationToken grace)
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
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(grace);
            timeout.CancelAfter(options.PublishTimeout);
            await bus.Publish(message, type, context =>
            {
                context.MessageId = row.MessageId;
                if (Guid.TryParse(row.CorrelationId, out var correlation)) context.CorrelationId = correlation;
                context.Headers.Set(MessageHeaders.AggregateId, row.AggregateId);
            }, timeout.Token);
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
