namespace Platform.Contracts.Events.Catalogue.V1;

/// <summary>
/// The tree of a strategy after a change (import, node created or updated): every node, flat, in
/// tree order with parent ids. A consumer replaces its copy of the tree with this one when
/// <see cref="Version"/> is newer than what it holds.
/// </summary>
public sealed record StrategyTreeChanged(
    Guid StrategyId,
    string StrategyCode,
    int Version,
    StrategyNodeSnapshot[] Nodes,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>One node; kind is area, domain, strategic_goal, operational_goal or direction.</summary>
public sealed record StrategyNodeSnapshot(
    Guid NodeId,
    Guid? ParentId,
    string Kind,
    string Code,
    string Title,
    int Order,
    string[] Implementers,
    bool AreaWide,
    decimal? Weight,
    IndicatorSnapshot[] Indicators,
    Guid[] ForwardedTo,
    int Version);

public sealed record IndicatorSnapshot(
    string IndicatorCode,
    string TerritorialUnit,
    int? BaselineYear,
    decimal? BaselineValue,
    int? TargetYear,
    decimal? TargetValue);
