using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events.Catalogue.V1;
using Platform.Messaging.Inbox;
using Reporting.Api.Persistence;
using Reporting.Api.ReadModel;

namespace Reporting.Api.Messaging;

/// <summary>
/// Keeps every version of every entry: order of arrival does not matter, because a report picks the
/// newest version recorded before its cut-off, so a late older version never overwrites a newer one.
/// </summary>
public sealed class MonitoringEntryRecordedConsumer(ReportingDbContext db, ILogger<MonitoringEntryRecordedConsumer> logger)
    : IdempotentConsumer<MonitoringEntryRecorded, ReportingDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<MonitoringEntryRecorded> context)
    {
        var m = context.Message;
        var exists = await Db.Entries.AnyAsync(e => e.EntryId == m.EntryId && e.Version == m.Version, context.CancellationToken);
        if (!exists) Db.Entries.Add(ReadModelMappers.ToRow(m));
    }
}
