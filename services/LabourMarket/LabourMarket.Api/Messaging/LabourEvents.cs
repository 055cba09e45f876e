using LabourMarket.Api.Domain;
using LabourMarket.Api.Persistence;
using Platform.Contracts.Events.Labour.V1;

namespace LabourMarket.Api.Messaging;

/// <summary>Builds the integration events the service publishes through its outbox.</summary>
public static class LabourEvents
{
    public static ObservationsPublished Published(ObservationBatch batch, StagingBatch.MergeResult merged, DateTimeOffset now) =>
        new(batch.BatchId, batch.Source, batch.ReceivedAt, merged.Accepted, merged.Revised, batch.Unchanged,
            merged.Indicators, merged.Units, merged.Periods, merged.Values is not null, merged.Values ?? [], now);
}
