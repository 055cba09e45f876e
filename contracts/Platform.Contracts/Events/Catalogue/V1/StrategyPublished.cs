namespace Platform.Contracts.Events.Catalogue.V1;

/// <summary>
/// A strategy entered the catalogue or its header (name, owner, period, resolution, mission, vision,
/// state) changed. Carries the whole header, so a read model never calls back; the tree comes in
/// <see cref="StrategyTreeChanged"/>. <see cref="Version"/> orders events of one strategy.
/// </summary>
public sealed record StrategyPublished(
    Guid StrategyId,
    string Code,
    string Name,
    string OwnerKind,
    string[] OwnerUnits,
    string OwnerName,
    int PeriodFrom,
    int PeriodTo,
    string? AdoptedBy,
    string? Mission,
    string? Vision,
    string State,
    // The document's own summary as imported (JSON), to compare with the realization table.
    string? EvaluationSummaryJson,
    int Version,
    DateTimeOffset OccurredAt,
    // Archived: out of the public lists and closed to new reports, kept whole; false again when restored.
    bool Archived = false) : IIntegrationEvent;
