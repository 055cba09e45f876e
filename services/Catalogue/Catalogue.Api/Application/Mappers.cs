using System.Text.Json;
using Catalogue.Api.Domain;

namespace Catalogue.Api.Application;

/// <summary>Domain rows to views; static so both transports and the events share one mapping.</summary>
public static class Mappers
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<IndicatorLink> ReadIndicators(string json) =>
        JsonSerializer.Deserialize<IndicatorLink[]>(json, Json) ?? [];

    public static string WriteIndicators(IReadOnlyList<IndicatorLink>? indicators) =>
        JsonSerializer.Serialize(indicators ?? [], Json);

    public static OwnerView Owner(Strategy s) => new(s.OwnerKind, s.OwnerUnits, s.OwnerName);

    public static EntryView ToView(this MonitoringEntry e, string directionCode) => new(
        e.Id, e.DirectionId, directionCode, e.YearFrom, e.YearTo, e.Version, e.Realized, e.Status, e.StatusText,
        e.Description, e.Conclusions, e.Implementers, e.EvidenceLinks, e.RecordedBy, e.RecordedAt, e.Withdrawn);

    public static DirectionView ToDirectionView(this StrategyNode n, EntryView? entry) => new(
        n.Id, n.StrategyId, n.ParentId, n.Code, n.Title, n.Order, n.Version, n.Implementers, n.AreaWide, n.Weight,
        ReadIndicators(n.Indicators), n.ForwardedTo, entry);
}
