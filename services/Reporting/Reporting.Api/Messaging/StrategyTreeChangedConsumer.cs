using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events.Catalogue.V1;
using Platform.Messaging.Inbox;
using Reporting.Api.Persistence;
using Reporting.Api.ReadModel;

namespace Reporting.Api.Messaging;

/// <summary>Replaces a strategy's tree with the newer one; the tree may arrive before the header.</summary>
public sealed class StrategyTreeChangedConsumer(ReportingDbContext db, ILogger<StrategyTreeChangedConsumer> logger)
    : IdempotentConsumer<StrategyTreeChanged, ReportingDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<StrategyTreeChanged> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        var row = await Db.Strategies.SingleOrDefaultAsync(s => s.Id == m.StrategyId, ct);
        if (row is null)
        {
            // Header not seen yet: a placeholder at version 0 that StrategyPublished will fill in.
            Db.Strategies.Add(row = new RmStrategy { Id = m.StrategyId, Code = m.StrategyCode, Name = m.StrategyCode, OccurredAt = m.OccurredAt });
        }
        else if (row.TreeVersion >= m.Version) return;

        row.TreeVersion = m.Version;
        await Db.Nodes.Where(n => n.StrategyId == m.StrategyId).ExecuteDeleteAsync(ct);
        Db.Nodes.AddRange(m.Nodes.Select(n => ReadModelMappers.ToRow(m.StrategyId, n)));
    }
}
