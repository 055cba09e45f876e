using System.Text.Json;
using Platform.Contracts.Events.Catalogue.V1;
using Platform.Contracts.Events.Labour.V1;
using Platform.Contracts.Events.Zones.V1;

namespace Reporting.Api.ReadModel;

/// <summary>Events to read-model rows.</summary>
public static class ReadModelMappers
{
    public static void Apply(RmStrategy row, StrategyPublished m)
    {
        row.Code = m.Code;
        row.Name = m.Name;
        row.OwnerKind = m.OwnerKind;
        row.OwnerUnits = m.OwnerUnits;
        row.OwnerName = m.OwnerName;
        row.PeriodFrom = m.PeriodFrom;
        row.PeriodTo = m.PeriodTo;
        row.AdoptedBy = m.AdoptedBy;
        row.Mission = m.Mission;
        row.Vision = m.Vision;
        row.State = m.State;
        row.Archived = m.Archived;
        row.EvaluationSummaryJson = m.EvaluationSummaryJson;
        row.Version = m.Version;
        row.OccurredAt = m.OccurredAt;
    }

    public static RmNode ToRow(Guid strategyId, StrategyNodeSnapshot n) => new()
    {
        Id = n.NodeId,
        StrategyId = strategyId,
        ParentId = n.ParentId,
        Kind = n.Kind,
        Code = n.Code,
        Title = n.Title,
        SortOrder = n.Order,
        Implementers = n.Implementers,
        AreaWide = n.AreaWide,
        IndicatorsJson = JsonSerializer.Serialize(n.Indicators),
    };

    public static RmEntry ToRow(MonitoringEntryRecorded m) => new()
    {
        EntryId = m.EntryId,
        Version = m.Version,
        StrategyId = m.StrategyId,
        DirectionId = m.DirectionId,
        DirectionCode = m.DirectionCode,
        YearFrom = m.YearFrom,
        YearTo = m.YearTo,
        Realized = m.Realized,
        Status = m.Status,
        StatusText = m.StatusText,
        Description = m.Description,
        Conclusions = m.Conclusions,
        Implementers = m.Implementers,
        RecordedAt = m.RecordedAt,
        OccurredAt = m.OccurredAt,
        Withdrawn = m.Withdrawn,
    };

    public static RmZoneVersion ToRow(ZoneRegistered m) => new()
    {
        ZoneId = m.ZoneId, Version = m.Version, Name = m.Name, GminaTeryt = m.GminaTeryt, PowiatTeryt = m.PowiatTeryt,
        Kind = m.Kind, State = m.State, TotalAreaHa = m.TotalAreaHa, AvailableAreaHa = m.AvailableAreaHa,
        YearEstablished = m.YearEstablished, OccurredAt = m.OccurredAt,
    };

    public static RmZoneVersion ToRow(ZoneChanged m) => new()
    {
        ZoneId = m.ZoneId, Version = m.Version, Name = m.Name, GminaTeryt = m.GminaTeryt, PowiatTeryt = m.PowiatTeryt,
        Kind = m.Kind, State = m.State, TotalAreaHa = m.TotalAreaHa, AvailableAreaHa = m.AvailableAreaHa,
        YearEstablished = m.YearEstablished, OccurredAt = m.OccurredAt,
    };

    public static RmPlotVersion ToRow(PlotStateChanged m) => new()
    {
        PlotId = m.PlotId, Version = m.Version, ZoneId = m.ZoneId, ParcelId = m.ParcelId, GminaTeryt = m.GminaTeryt, AreaHa = m.AreaHa,
        State = m.State, PreviousState = m.PreviousState, OccurredAt = m.OccurredAt,
    };

    public static RmObservation ToRow(PublishedObservation o, ObservationsPublished batch) => new()
    {
        Indicator = o.Indicator, Unit = o.Unit, Period = o.Period, Breakdown = o.Breakdown, Revision = o.Revision, Value = o.Value,
        Source = o.Source, ReceivedAt = batch.ReceivedAt, BatchId = batch.BatchId,
    };

    public static IndicatorSnapshot[] ReadIndicators(string json) =>
        JsonSerializer.Deserialize<IndicatorSnapshot[]>(json) ?? [];
}
