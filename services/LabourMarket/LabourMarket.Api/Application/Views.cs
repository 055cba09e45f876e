using LabourMarket.Api.Domain;
using Platform.Territory;

namespace LabourMarket.Api.Application;

// What the queries answer; REST serialises these as they are, gRPC maps them to its messages.

public sealed record IndicatorView(string Code, string Name, string UnitOfMeasure, string Description, string Source, string ValueKind);

public sealed record BreakdownView(string Code, string Name);

public sealed record IndicatorsView(IReadOnlyList<IndicatorView> Indicators, IReadOnlyList<BreakdownView> Breakdowns);

/// <summary>A unit of the TERYT register as the figures' API shows it; ValidTo set = the unit has ended (its figures stay).</summary>
public sealed record UnitView(string Teryt, string Name, string Level, string? Kind, string? Parent, string DisplayName, DateOnly? ValidTo);

public sealed record PageView<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

/// <summary>A figure with its provenance: source, revision, batch and when it was received.</summary>
public sealed record ObservationView(
    string Indicator, string Unit, string Period, string Breakdown, decimal Value,
    int Revision, string Source, string BatchId, DateTimeOffset ReceivedAt);

public sealed record SeriesView(IndicatorView Indicator, string Unit, string Breakdown, DateTimeOffset? AsOf, IReadOnlyList<ObservationView> Points);

public sealed record LatestView(IndicatorView Indicator, ObservationView? Latest);

public sealed record UnitValueView(UnitView Unit, ObservationView? Observation);

public sealed record CompareView(IndicatorView Indicator, string Period, IReadOnlyList<UnitValueView> Values);

public sealed record ChangeView(ObservationView Observation, decimal? YearOnYear, decimal? YearOnYearPercent, decimal? SinceBase, decimal? SinceBasePercent);

public sealed record ChangesView(IndicatorView Indicator, string Unit, ObservationView? Base, IReadOnlyList<ChangeView> Changes);

public sealed record SharesView(
    string Unit, string Period, ObservationView? Total, ObservationView? Women, ObservationView? LongTerm,
    decimal? WomenPercent, decimal? LongTermPercent);

public static class ViewMappers
{
    public static IndicatorView ToView(this Indicator i) => new(i.Code, i.Name, i.UnitOfMeasure, i.Description, i.Source, i.ValueKind);

    public static UnitView ToView(this TerritorialUnit u) => new(u.Code, u.Name, u.Level, u.Kind, u.ParentCode, u.DisplayName, u.ValidTo);

    public static ObservationView ToView(this Observation o) =>
        new(o.IndicatorCode, o.UnitTeryt, o.Period, o.Breakdown, o.Value, o.Revision, o.Source, o.BatchId, o.ReceivedAt);
}
