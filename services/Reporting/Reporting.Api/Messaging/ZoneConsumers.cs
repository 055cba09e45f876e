using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events.Zones.V1;
using Platform.Messaging.Inbox;
using Reporting.Api.Persistence;
using Reporting.Api.ReadModel;

namespace Reporting.Api.Messaging;

/// <summary>
/// Keeps every version of a zone, from ZoneRegistered and ZoneChanged alike; the report takes the
/// newest before its cut-off. A version already held (a late or repeated event) is left as it is.
/// </summary>
public abstract class ZoneVersionConsumer<TMessage>(ReportingDbContext db, ILogger logger)
    : IdempotentConsumer<TMessage, ReportingDbContext>(db, logger)
    where TMessage : class
{
    protected abstract RmZoneVersion ToRow(TMessage message);

    protected override async Task HandleAsync(ConsumeContext<TMessage> context)
    {
        var row = ToRow(context.Message);
        if (!await Db.ZoneVersions.AnyAsync(z => z.ZoneId == row.ZoneId && z.Version == row.Version, context.CancellationToken))
            Db.ZoneVersions.Add(row);
    }
}

public sealed class ZoneRegisteredConsumer(ReportingDbContext db, ILogger<ZoneRegisteredConsumer> logger)
    : ZoneVersionConsumer<ZoneRegistered>(db, logger)
{
    protected override RmZoneVersion ToRow(ZoneRegistered message) => ReadModelMappers.ToRow(message);
}

public sealed class ZoneChangedConsumer(ReportingDbContext db, ILogger<ZoneChangedConsumer> logger)
    : ZoneVersionConsumer<ZoneChanged>(db, logger)
{
    protected override RmZoneVersion ToRow(ZoneChanged message) => ReadModelMappers.ToRow(message);
}

/// <summary>
/// Keeps every version of a plot. A plot's state does not change its zone's declared available area
/// (that is the planner's ZoneChanged), but the report shows available, reserved and sold hectares per
/// gmina and the plots sold in the period from these rows; versions make late or repeated events harmless.
/// </summary>
public sealed class PlotStateChangedConsumer(ReportingDbContext db, ILogger<PlotStateChangedConsumer> logger)
    : IdempotentConsumer<PlotStateChanged, ReportingDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<PlotStateChanged> context)
    {
        var m = context.Message;
        if (!await Db.PlotVersions.AnyAsync(p => p.PlotId == m.PlotId && p.Version == m.Version, context.CancellationToken))
            Db.PlotVersions.Add(ReadModelMappers.ToRow(m));
    }
}
