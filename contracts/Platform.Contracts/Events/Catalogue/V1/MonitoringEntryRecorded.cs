namespace Platform.Contracts.Events.Catalogue.V1;

/// <summary>
/// A monitoring entry (or a new version correcting one) was recorded for a direction, for one year
/// (YearFrom = YearTo) or a whole evaluated period. The full entry: a read model needs nothing else.
/// Status is one of completed, continuous, partial, in_progress, not_started, not_realized,
/// abandoned, or null when the imported text could not be mapped (StatusText keeps it).
/// Withdrawn: this version withdraws the period's entry (no status); the period has no entry until a later version.
/// </summary>
public sealed record MonitoringEntryRecorded(
    Guid EntryId,
    Guid StrategyId,
    Guid DirectionId,
    string DirectionCode,
    int YearFrom,
    int YearTo,
    int Version,
    bool? Realized,
    string? Status,
    string? StatusText,
    string? Description,
    string? Conclusions,
    string[] Implementers,
    string[] EvidenceLinks,
    string RecordedBy,
    DateTimeOffset RecordedAt,
    DateTimeOffset OccurredAt,
    bool Withdrawn = false) : IIntegrationEvent;
