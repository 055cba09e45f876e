namespace Platform.Contracts.Events.Labour.V1;

/// <summary>
/// A batch of labour-market figures was accepted and changed something (new figures or revisions;
/// a batch of only already-known figures publishes nothing). Names what it touched, and carries the
/// changed figures themselves when there are at most <see cref="MaxValues"/> of them, so a read model
/// (reporting) needs no call back; a larger batch (a bulk reload) comes without values
/// (<see cref="ValuesIncluded"/> false) and the consumer reads the series it needs through gRPC.
/// </summary>
public sealed record ObservationsPublished(
    string BatchId,
    string Source,
    DateTimeOffset ReceivedAt,
    long Accepted,
    long Revised,
    long Unchanged,
    string[] Indicators,
    string[] Units,
    string[] Periods,
    bool ValuesIncluded,
    PublishedObservation[] Values,
    DateTimeOffset OccurredAt) : IIntegrationEvent
{
    /// <summary>Above this many changed figures the event carries only what was touched.</summary>
    public const int MaxValues = 5000;
}

/// <summary>One new figure or revision. Period: "2023", "2023-Q4" or "2023-12"; breakdown: "total", "sex:female" …</summary>
public sealed record PublishedObservation(
    string Indicator,
    string Unit,
    string Period,
    string Breakdown,
    decimal Value,
    int Revision,
    string Source);
