using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events.Catalogue.V1;
using Platform.Messaging.Inbox;
using Reporting.Api.Persistence;
using Reporting.Api.ReadModel;

namespace Reporting.Api.Messaging;

/// <summary>Keeps a strategy's header; an event older than what is held (by version) is ignored.</summary>
public sealed class StrategyPublishedConsumer(ReportingDbContext db, ILogger<StrategyPublishedConsumer> logger)
    : IdempotentConsumer<StrategyPublished, ReportingDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<StrategyPublished> context)
    {
        var m = context.Message;
        var row = await Db.Strategies.SingleOrDefaultAsync(s => s.Id == m.StrategyId, context.CancellationToken);
        if (row is null) Db.Strategies.Add(row = new RmStrategy { Id = m.StrategyId });
        else if (row.Version >= m.Version) return; // stale or already applied
        ReadModelMappers.Apply(row, m);
    }
}
