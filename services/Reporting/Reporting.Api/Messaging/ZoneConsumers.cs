using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events.Zones.V1;
using Platform.Messaging.Inbox;
using Reporting.Api.Persistence;
using Reporting.Api.ReadModel;

namespace Reporting.Api.Messaging;

/// <summary>Keeps every version of a zone; the report takes the newest before its cut-off.</summary>
public sealed class ZoneRegisteredConsumer(ReportingDbContext db, ILogger<ZoneRegisteredConsumer> logger)
    : IdempotentConsumer<ZoneRegistered, ReportingDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<ZoneRegistered> context)
    {
        var m = context.Message;
        if (!await Db.ZoneVersions.AnyAsync(z => z.ZoneId == m.ZoneId && z.Version == m.Version, context.CancellationToken))
            Db.ZoneVersions.Add(ReadModelMappers.ToRow(m));
    }
}

public sealed class ZoneChangedConsumer(ReportingDbContext db, ILogger<ZoneChangedConsumer> logger)
    : IdempotentConsumer<ZoneChanged, ReportingDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<ZoneChanged> context)
    {
        var m = context.Message;
        if (!await Db.ZoneVersions.AnyAsync(z => z.ZoneId == m.ZoneId && z.Version == m.Version, context.CancellationToken))
            Db.ZoneVersions.Add(ReadModelMappers.ToRow(m));
    }
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
