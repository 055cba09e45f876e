using System.Text.Json;
using Catalogue.Api.Domain;

namespace Catalogue.Api.Application;

public static class StrategyViews
{
    public static StrategyView Header(Strategy s, IReadOnlyList<NodeView> tree, MonitoringPeriod? period = null) => new(
        s.Id, s.Code, s.Name, Mappers.Owner(s), s.PeriodFrom, s.PeriodTo, s.AdoptedBy, s.Mission, s.Vision, s.State,
        s.EvaluationSummary is null ? null : JsonDocument.Parse(s.EvaluationSummary).RootElement.Clone(), s.Version, period, tree,
        s.ArchivedAt, s.ArchivedBy);

    public static NodeView Node(StrategyNode n, ProgressView? progress, IReadOnlyList<NodeView> children) => new(
        n.Id, n.ParentId, n.Kind.Name(), n.Code, n.Title, n.Order, n.Version, n.Implementers, n.AreaWide, n.Weight,
        Mappers.ReadIndicators(n.Indicators), n.ForwardedTo, progress, children);
}
