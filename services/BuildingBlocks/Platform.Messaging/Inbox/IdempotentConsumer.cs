using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Platform.Messaging.Inbox;

/// <summary>
/// A consumer that handles each message once: the inbox row and the handler's changes commit in
/// one transaction, so a redelivery (after a crash, a lost ack, a relay that published twice)
/// finds the row and does nothing. A handler that throws rolls everything back and the message
/// is retried, then moved to the error queue with the reason; it is never acked silently.
/// </summary>
public abstract class IdempotentConsumer<TMessage, TContext>(TContext db, ILogger logger) : IConsumer<TMessage>
    where TMessage : class
    where TContext : DbContext
{
    protected TContext Db { get; } = db;

    /// <summary>Name under which handled messages are recorded; one per consumer, stable across releases.</summary>
    protected virtual string ConsumerName => GetType().Name;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a message id; it cannot be de-duplicated.");

        await using var transaction = await Db.Database.BeginTransactionAsync(context.CancellationToken);
        // A concurrent delivery of the same message waits here on the primary key until the first commits.
        var inserted = await Db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO inbox_messages (message_id, consumer, processed_at) VALUES ({messageId}, {ConsumerName}, now()) ON CONFLICT DO NOTHING",
            context.CancellationToken);
        if (inserted == 0)
        {
            logger.LogInformation("{Consumer} already handled message {MessageId}; skipped", ConsumerName, messageId);
            MessagingMetrics.InboxDuplicates.Add(1, new KeyValuePair<string, object?>("consumer", ConsumerName));
            return;
        }

        await HandleAsync(context);
        await Db.SaveChangesAsync(context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
        MessagingMetrics.InboxHandled.Add(1, new KeyValuePair<string, object?>("consumer", ConsumerName));
    }

    /// <summary>Apply the message through <see cref="Db"/>; SaveChanges and commit are done by the base.</summary>
    protected abstract Task HandleAsync(ConsumeContext<TMessage> context);
}
