using System.Text.Json;
using Catalogue.Api.Domain;

namespace Catalogue.Api.Application;

// What the use cases answer; REST serialises these as they are, gRPC maps them to its messages.

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public sealed record OwnerView(string Kind, string[] Units, string Name);

public sealed record StrategySummaryView(
    Guid Id, string Code, string Name, OwnerView Owner, int PeriodFrom, int PeriodTo, string State, int Version,
    int DirectionCount, IReadOnlyList<EntryPeriodView> EntryPeriods, DateTimeOffset? ArchivedAt = null);

/// <summary>
/// A monitoring period that has entries and how many directions they cover. Listed latest first (by its last
/// year, then by coverage): the first is what a dashboard opens on.
/// </summary>
public sealed record EntryPeriodView(int YearFrom, int YearTo, int Directions);

public sealed record StrategyView(
    Guid Id, string Code, string Name, OwnerView Owner, int PeriodFrom, int PeriodTo, string? AdoptedBy,
    string? Mission, string? Vision, string State, JsonElement? EvaluationSummary, int Version,
    MonitoringPeriod? RollUpPeriod, IReadOnlyList<NodeView> Tree, DateTimeOffset? ArchivedAt = null, string? ArchivedBy = null);

public sealed record NodeView(
    Guid Id, Guid? ParentId, string Kind, string Code, string Title, int Order, int Version,
    string[] Implementers, bool AreaWide, decimal? Weight, IReadOnlyList<IndicatorLink> Indicators, Guid[] ForwardedTo,
    ProgressView? Progress, IReadOnlyList<NodeView> Children);

/// <summary>
/// A node's realization for a period, from its directions: Progress is the weighted mean of their
/// status scores over the directions that have an entry (null when none has); directions without an
/// entry are counted in Missing, never as zero.
/// </summary>
public sealed record ProgressView(double? Progress, int Directions, int Reported, int Missing, int Unmapped,
    IReadOnlyDictionary<string, int> StatusCounts);

public sealed record DirectionView(
    Guid Id, Guid StrategyId, Guid? ParentId, string Code, string Title, int Order, int Version,
    string[] Implementers, bool AreaWide, decimal? Weight, IReadOnlyList<IndicatorLink> Indicators, Guid[] ForwardedTo,
    EntryView? Entry);

public sealed record EntryView(
    Guid Id, Guid DirectionId, string DirectionCode, int YearFrom, int YearTo, int Version, bool? Realized,
    string? Status, string? StatusText, string? Description, string? Conclusions, string[] Implementers,
    string[] EvidenceLinks, string RecordedBy, DateTimeOffset RecordedAt, bool Withdrawn);

public sealed record UnmappedValue(string Where, string Field, string Value, string? DirectionCode);

public sealed record ImportReport(
    Guid StrategyId, string StrategyCode, bool Created, int Version,
    IReadOnlyDictionary<string, int> NodeCounts, int NodesCreated, int NodesUpdated,
    int EntriesRecorded, int EntriesUnchanged, IReadOnlyDictionary<string, int> StatusCounts,
    IReadOnlyList<UnmappedValue> Unmapped);
