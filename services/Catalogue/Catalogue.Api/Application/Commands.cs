using Catalogue.Api.Domain;

namespace Catalogue.Api.Application;

// The use cases' inputs. REST binds them from JSON bodies (camelCase); gRPC maps its messages onto them.

public sealed record OwnerInput(string? Kind, string[]? Units, string? Name);

public sealed record CreateStrategy(
    string? Code, string? Name, OwnerInput? Owner, int PeriodFrom, int PeriodTo,
    string? AdoptedBy, string? Mission, string? Vision, string? State);

public sealed record UpdateStrategy(
    string? Name, OwnerInput? Owner, int PeriodFrom, int PeriodTo,
    string? AdoptedBy, string? Mission, string? Vision, string? State, int ExpectedVersion);

public sealed record CreateNode(
    Guid? ParentId, string? Kind, string? Code, string? Title, int? Order,
    string[]? Implementers, bool AreaWide, decimal? Weight, IndicatorLink[]? Indicators, Guid[]? ForwardedTo);

/// <summary>Kind, code and parent are the node's identity (a re-import finds it by them) and do not change here.</summary>
public sealed record UpdateNode(
    string? Title, int? Order, string[]? Implementers, bool AreaWide, decimal? Weight,
    IndicatorLink[]? Indicators, Guid[]? ForwardedTo, int ExpectedVersion);

/// <summary>
/// One year (<see cref="Year"/>) or a whole period (<see cref="YearFrom"/>–<see cref="YearTo"/>, an
/// evaluation). <see cref="ExpectedVersion"/> is the version the caller last saw for that period, 0 for the first entry.
/// </summary>
public sealed record RecordEntry(
    int? Year, int? YearFrom, int? YearTo, bool? Realized, string? Status, string? StatusText,
    string? Description, string? Conclusions, string[]? Implementers, string[]? EvidenceLinks,
    string? RecordedBy, int ExpectedVersion);

/// <summary>A year (From = To) or a whole evaluated period.</summary>
/// <summary>Withdraws the current entry of a year or span; ExpectedVersion is the version being withdrawn.</summary>
public sealed record WithdrawEntry(int? Year, int? YearFrom, int? YearTo, int ExpectedVersion);

public readonly record struct MonitoringPeriod(int From, int To)
{
    public static MonitoringPeriod Year(int year) => new(year, year);
    public override string ToString() => From == To ? $"{From}" : $"{From}–{To}";
}

public sealed record DirectionFilter(
    Guid? Node = null, string? Status = null, MonitoringPeriod? Period = null, string? Implementer = null,
    bool? AreaWide = null, string? Query = null, int Page = 1, int PageSize = 50, string? Sort = null);
