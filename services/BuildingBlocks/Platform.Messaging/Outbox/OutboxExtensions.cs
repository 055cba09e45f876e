using Microsoft.EntityFrameworkCore;

namespace Platform.Messaging.Outbox;

public static class OutboxExtensions
{
    /// <summary>
    /// Queues an integration event in the outbox of this context: it is stored by the same
    /// SaveChanges (and so the same transaction) as the change it announces, and published
    /// by the relay only once that transaction commits.
    /// </summary>
    public static OutboxMessage AddIntegrationEvent(this DbContext db, string aggregateId, object message, string? correlationId = null)
    {
        var entry = OutboxMessage.Create(aggregateId, message, correlationId);
        db.Set<OutboxMessage>().Add(entry);
        return entry;
    }
}
