using Catalogue.Api.Application;
using Catalogue.Api.Domain;
using Google.Protobuf.WellKnownTypes;
using Proto = Platform.Contracts.Catalogue.V1;

namespace Catalogue.Api.Api.Grpc;

/// <summary>Protobuf messages to the use cases' inputs and their views back; nothing else happens here.</summary>
public static class GrpcMappers
{
    private static Guid? OptionalId(string value, string field) => value.Length == 0 ? null : Identifiers.Parse(value, field);

    private static Guid[] Ids(IEnumerable<string> values, string field) => values.Select((v, i) => Identifiers.Parse(v, $"{field}[{i}]")).ToArray();

    private static string? Text(string value) => value.Length == 0 ? null : value;

    private static OwnerInput? Owner(Proto.Owner? owner) => owner is null ? null : new OwnerInput(Text(owner.Kind), [.. owner.Units], Text(owner.Name));

    private static IndicatorLink[] Indicators(IEnumerable<Proto.Indicator> indicators) =>
        indicators.Select(i => new IndicatorLink(i.IndicatorCode, i.TerritorialUnit,
            i.HasBaselineYear ? i.BaselineYear : null, i.HasBaselineValue ? (decimal)i.BaselineValue : null,
            i.HasTargetYear ? i.TargetYear : null, i.HasTargetValue ? (decimal)i.TargetValue : null)).ToArray();

    public static CreateStrategy ToCommand(this Proto.CreateStrategyRequest r) => new(
        Text(r.Code), Text(r.Name), Owner(r.Owner), r.PeriodFrom, r.PeriodTo, Text(r.AdoptedBy), Text(r.Mission), Text(r.Vision), Text(r.State));

    public static UpdateStrategy ToCommand(this Proto.UpdateStrategyRequest r) => new(
        Text(r.Name), Owner(r.Owner), r.PeriodFrom, r.PeriodTo, Text(r.AdoptedBy), Text(r.Mission), Text(r.Vision), Text(r.State), r.ExpectedVersion);

    public static CreateNode ToCommand(this Proto.CreateNodeRequest r) => new(
        OptionalId(r.ParentId, "parentId"), Text(r.Kind), Text(r.Code), r.Title, r.HasOrder ? r.Order : null, [.. r.Implementers], r.AreaWide,
        r.HasWeight ? (decimal)r.Weight : null, Indicators(r.Indicators), Ids(r.ForwardedTo, "forwardedTo"));

    public static UpdateNode ToCommand(this Proto.UpdateNodeRequest r) => new(
        r.Title, r.HasOrder ? r.Order : null, [.. r.Implementers], r.AreaWide, r.HasWeight ? (decimal)r.Weight : null,
        Indicators(r.Indicators), Ids(r.ForwardedTo, "forwardedTo"), r.ExpectedVersion);

    public static RecordEntry ToCommand(this Proto.RecordEntryRequest r) => new(
        r.HasYear ? r.Year : null, r.HasYearFrom ? r.YearFrom : null, r.HasYearTo ? r.YearTo : null, r.HasRealized ? r.Realized : null,
        Text(r.Status), Text(r.StatusText), Text(r.Description), Text(r.Conclusions), [.. r.Implementers], [.. r.EvidenceLinks],
        Text(r.RecordedBy), r.ExpectedVersion);

    public static WithdrawEntry ToCommand(this Proto.WithdrawEntryRequest r) => new(
        r.HasYear ? r.Year : null, r.HasYearFrom ? r.YearFrom : null, r.HasYearTo ? r.YearTo : null, r.ExpectedVersion);

    public static DirectionFilter ToFilter(this Proto.ListDirectionsRequest r) => new(
        OptionalId(r.NodeId, "node"), Text(r.Status),
        r.HasYear ? MonitoringPeriod.Year(r.Year) : r.HasYearFrom && r.HasYearTo ? new MonitoringPeriod(r.YearFrom, r.YearTo) : null,
        Text(r.Implementer), r.HasAreaWide ? r.AreaWide : null, Text(r.Q), r.Page == 0 ? 1 : r.Page, r.PageSize == 0 ? 50 : r.PageSize, Text(r.Sort));

    public static Proto.Owner ToProto(this OwnerView o) => new() { Kind = o.Kind, Units = { o.Units }, Name = o.Name };

    public static Proto.Strategy ToProto(this StrategyView s)
    {
        var message = new Proto.Strategy
        {
            Id = s.Id.ToString(), Code = s.Code, Name = s.Name, Owner = s.Owner.ToProto(), PeriodFrom = s.PeriodFrom, PeriodTo = s.PeriodTo,
            AdoptedBy = s.AdoptedBy ?? "", Mission = s.Mission ?? "", Vision = s.Vision ?? "", State = s.State,
            EvaluationSummaryJson = s.EvaluationSummary?.GetRawText() ?? "", Version = s.Version,
            RollUpPeriod = s.RollUpPeriod is { } p ? new Proto.Period { YearFrom = p.From, YearTo = p.To } : null,
            ArchivedAt = s.ArchivedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
        };
        message.Tree.Add(s.Tree.Select(ToProto));
        return message;
    }

    public static Proto.StrategySummary ToProto(this StrategySummaryView s) => new()
    {
        Id = s.Id.ToString(), Code = s.Code, Name = s.Name, Owner = s.Owner.ToProto(), PeriodFrom = s.PeriodFrom, PeriodTo = s.PeriodTo,
        State = s.State, Version = s.Version, DirectionCount = s.DirectionCount,
        EntryPeriods = { s.EntryPeriods.Select(p => new Proto.EntryPeriod { YearFrom = p.YearFrom, YearTo = p.YearTo, Directions = p.Directions }) },
    };

    public static Proto.Node ToProto(this NodeView n)
    {
        var message = new Proto.Node
        {
            Id = n.Id.ToString(), ParentId = n.ParentId?.ToString() ?? "", Kind = n.Kind, Code = n.Code, Title = n.Title, Order = n.Order,
            Version = n.Version, Implementers = { n.Implementers }, AreaWide = n.AreaWide, Indicators = { n.Indicators.Select(ToProto) },
            ForwardedTo = { n.ForwardedTo.Select(f => f.ToString()) }, Progress = n.Progress?.ToProto(),
        };
        if (n.Weight is { } w) message.Weight = (double)w;
        message.Children.Add(n.Children.Select(ToProto));
        return message;
    }

    private static Proto.Progress ToProto(this ProgressView p)
    {
        var message = new Proto.Progress { Directions = p.Directions, Reported = p.Reported, Missing = p.Missing, Unmapped = p.Unmapped };
        if (p.Progress is { } value) message.Progress_ = value;
        message.StatusCounts.Add(p.StatusCounts.ToDictionary());
        return message;
    }

    private static Proto.Indicator ToProto(this IndicatorLink i)
    {
        var message = new Proto.Indicator { IndicatorCode = i.IndicatorCode, TerritorialUnit = i.TerritorialUnit };
        if (i.BaselineYear is { } by) message.BaselineYear = by;
        if (i.BaselineValue is { } bv) message.BaselineValue = (double)bv;
        if (i.TargetYear is { } ty) message.TargetYear = ty;
        if (i.TargetValue is { } tv) message.TargetValue = (double)tv;
        return message;
    }

    public static Proto.Direction ToProto(this DirectionView d)
    {
        var message = new Proto.Direction
        {
            Id = d.Id.ToString(), StrategyId = d.StrategyId.ToString(), ParentId = d.ParentId?.ToString() ?? "", Code = d.Code, Title = d.Title,
            Order = d.Order, Version = d.Version, Implementers = { d.Implementers }, AreaWide = d.AreaWide,
            Indicators = { d.Indicators.Select(ToProto) }, ForwardedTo = { d.ForwardedTo.Select(f => f.ToString()) }, Entry = d.Entry?.ToProto(),
        };
        if (d.Weight is { } w) message.Weight = (double)w;
        return message;
    }

    public static Proto.MonitoringEntry ToProto(this EntryView e)
    {
        var message = new Proto.MonitoringEntry
        {
            Id = e.Id.ToString(), DirectionId = e.DirectionId.ToString(), DirectionCode = e.DirectionCode, YearFrom = e.YearFrom, YearTo = e.YearTo,
            Version = e.Version, Status = e.Status ?? "", StatusText = e.StatusText ?? "", Description = e.Description ?? "",
            Conclusions = e.Conclusions ?? "", Implementers = { e.Implementers }, EvidenceLinks = { e.EvidenceLinks }, RecordedBy = e.RecordedBy,
            RecordedAt = Timestamp.FromDateTimeOffset(e.RecordedAt), Withdrawn = e.Withdrawn,
        };
        if (e.Realized is { } realized) message.Realized = realized;
        return message;
    }

    public static Proto.ListDirectionsResponse ToProto(this Paged<DirectionView> page) => new()
    {
        Items = { page.Items.Select(ToProto) }, Page = page.Page, PageSize = page.PageSize, Total = page.Total,
    };

    public static Proto.ImportReport ToProto(this ImportReport r) => new()
    {
        StrategyId = r.StrategyId.ToString(), StrategyCode = r.StrategyCode, Created = r.Created, Version = r.Version,
        NodeCounts = { r.NodeCounts.ToDictionary() }, NodesCreated = r.NodesCreated, NodesUpdated = r.NodesUpdated, EntriesRecorded = r.EntriesRecorded,
        EntriesUnchanged = r.EntriesUnchanged, StatusCounts = { r.StatusCounts.ToDictionary() },
        Unmapped = { r.Unmapped.Select(u => new Proto.UnmappedValue { Where = u.Where, Field = u.Field, Value = u.Value, DirectionCode = u.DirectionCode ?? "" }) },
    };
}
