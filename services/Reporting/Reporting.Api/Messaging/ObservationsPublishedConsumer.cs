using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events.Labour.V1;
using Platform.Messaging.Inbox;
using Reporting.Api.Persistence;

namespace Reporting.Api.Messaging;

/// <summary>
/// Keeps every revision of every figure with the time the labour service received it, so a report
/// can use the figures known at its cut-off and flag the ones revised later.
/// </summary>
public sealed class ObservationsPublishedConsumer(ReportingDbContext db, ILogger<ObservationsPublishedConsumer> logger)
    : IdempotentConsumer<ObservationsPublished, ReportingDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<ObservationsPublished> context)
    {
        var m = context.Message;
        if (!m.ValuesIncluded)
        {
            // A bulk reload announces itself without values; the figures have to be read over gRPC (rebuild).
            logger.LogWarning("Batch {BatchId} came without values ({Accepted} accepted); run the read-model rebuild to load them", m.BatchId, m.Accepted);
            return;
        }
        foreach (var o in m.Values)
        {
            // ON CONFLICT: the same revision may come again in another batch (a re-sent file).
            await Db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO rm_observations (indicator, unit, period, breakdown, revision, value, source, received_at)
                VALUES ({o.Indicator}, {o.Unit}, {o.Period}, {o.Breakdown}, {o.Revision}, {o.Value}, {o.Source}, {m.ReceivedAt})
                ON CONFLICT DO NOTHING
                """, context.CancellationToken);
        }
    }
}
