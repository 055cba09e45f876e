using Catalogue.Api.Application;
using Catalogue.Api.Domain;
using Catalogue.Api.Persistence;
using Platform.Contracts.Events.Catalogue.V1;
using Platform.Messaging.Outbox;

namespace Catalogue.Api.Messaging;

/// <summary>
/// Builds the catalogue's integration events from the domain and queues them in the outbox of the
/// same context, so they commit (or roll back) with the change they announce.
/// </summary>
public static class CatalogueEvents
{
    public static void StrategyPublished(CatalogueDbContext db, Strategy s, DateTimeOffset now) =>
        db.AddIntegrationEvent(s.Id.ToString(), new StrategyPublished(
            s.Id, s.Code, s.Name, s.OwnerKind, s.OwnerUnits, s.OwnerName, s.PeriodFrom, s.PeriodTo, s.AdoptedBy,
            s.Mission, s.Vision, s.State, s.EvaluationSummary, s.Version, now, s.ArchivedAt is not null));

    /// <param name="nodes">Every node of the strategy, already in tree order.</param>
    public static void TreeChanged(CatalogueDbContext db, Strategy s, IEnumerable<StrategyNode> nodes, DateTimeOffset now) =>
        db.AddIntegrationEvent(s.Id.ToString(), new StrategyTreeChanged(
            s.Id, s.Code, s.Version,
            nodes.Select(n => new StrategyNodeSnapshot(
                n.Id, n.ParentId, n.Kind.Name(), n.Code, n.Title, n.Order, n.Implementers, n.AreaWide, n.Weight,
                Mappers.ReadIndicators(n.Indicators)
                    .Select(i => new IndicatorSnapshot(i.IndicatorCode, i.TerritorialUnit, i.BaselineYear, i.BaselineValue, i.TargetYear, i.TargetValue))
                    .ToArray(),
                n.ForwardedTo, n.Version)).ToArray(),
            now));

    public static void EntryRecorded(CatalogueDbContext db, MonitoringEntry e, string directionCode, DateTimeOffset now) =>
        db.AddIntegrationEvent(e.StrategyId.ToString(), Recorded(e, directionCode, now));

    /// <summary>The outbox row of an entry written by an import's bulk copy (see BulkCopy), not through EF.</summary>
    public static OutboxMessage EntryRecordedRow(MonitoringEntry e, string directionCode, DateTimeOffset now) =>
        OutboxMessage.Create(e.StrategyId.ToString(), Recorded(e, directionCode, now));

    private static MonitoringEntryRecorded Recorded(MonitoringEntry e, string directionCode, DateTimeOffset now) => new(
        e.Id, e.StrategyId, e.DirectionId, directionCode, e.YearFrom, e.YearTo, e.Version, e.Realized, e.Status,
        e.StatusText, e.Description, e.Conclusions, e.Implementers, e.EvidenceLinks, e.RecordedBy, e.RecordedAt, now, e.Withdrawn);
}
