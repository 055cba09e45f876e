using MassTransit;
using Platform.Contracts.Events.Labour.V1;
using Platform.Messaging.Inbox;
using Reporting.Api.Clients;
using Reporting.Api.Persistence;
using Reporting.Api.ReadModel;

namespace Reporting.Api.Messaging;

/// <summary>
/// Keeps every revision of every figure with the time the labour service received it and its batch, so a
/// report can use the figures known at its cut-off and flag the ones revised later. A batch too large to
/// carry its values (more than <see cref="ObservationsPublished.MaxValues"/>) is read back from labour over
/// gRPC within this consumer: the figures commit with the inbox record, and if labour cannot be reached the
/// consumer throws, so the message is retried, never acked without its figures.
/// </summary>
public sealed class ObservationsPublishedConsumer(ReportingDbContext db, LabourFigures labour, ILogger<ObservationsPublishedConsumer> logger)
    : IdempotentConsumer<ObservationsPublished, ReportingDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<ObservationsPublished> context)
    {
        var m = context.Message;
        var pages = m.ValuesIncluded
            ? new[] { (IReadOnlyList<RmObservation>)m.Values.Select(o => ReadModelMappers.ToRow(o, m)).ToList() }.ToAsyncEnumerable()
            : labour.ReadAsync(m.BatchId, context.CancellationToken);
        // ON CONFLICT inside: the same revision may come again (a re-sent file, a rebuild that got there first).
        var (read, added) = await ObservationBulkLoad.LoadAsync(Db, pages, context.CancellationToken);
        if (m.ValuesIncluded) return;
        // The batch wrote exactly accepted + revised rows: anything else is a partial read, not to be acked.
        if (read != m.Accepted + m.Revised)
            throw new SourceUnavailableException($"Usługa rynku pracy zwróciła {read} z {m.Accepted + m.Revised} danych paczki {m.BatchId}.");
        logger.LogInformation("Batch {BatchId} fetched from labour: {Read} revisions read, {Added} new", m.BatchId, read, added);
    }
}

/// <summary>
/// Beyond the bus-wide retry (seconds): while labour is unreachable the fetch is tried again for about two
/// minutes per delivery, the message staying unacked (a crash redelivers it). After every retry it goes to
/// the error queue with the reason, from where it can be moved back; a rebuild of "labour" also restores it.
/// </summary>
public sealed class ObservationsPublishedConsumerDefinition : ConsumerDefinition<ObservationsPublishedConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ObservationsPublishedConsumer> consumerConfigurator, IRegistrationContext context)
    {
        consumerConfigurator.UseMessageRetry(r =>
        {
            r.Handle<SourceUnavailableException>();
            r.Intervals(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));
        });
    }
}
