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
