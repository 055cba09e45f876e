using Microsoft.EntityFrameworkCore;
using Platform.Grpc.Client;
using Reporting.Api.Persistence;
using Reporting.Api.ReadModel;
using Catalogue = Platform.Contracts.Catalogue.V1;

namespace Reporting.Api.Application;

/// <summary>What the catalogue rebuild loaded.</summary>
public sealed record CatalogueRebuilt(int Strategies, int Nodes, int Entries);

/// <summary>
/// Reloads the catalogue part of the read model over gRPC (a new installation, or a lost read model):
/// every strategy's header and tree, and every version of every direction's entries. Idempotent and
/// safe beside the event consumers: versions only move forward, entry versions are keyed.
/// </summary>
public sealed class CatalogueRebuild(ReportingDbContext db, IGrpcChannelFactory channels, TimeProvider clock, ILogger<CatalogueRebuild> logger)
{
    public const string CatalogueClient = "catalogue";

    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Service = Catalogue.CatalogueReflection.Descriptor.Services[0];
    private static readonly GrpcMethod<Catalogue.ListStrategiesRequest, Catalogue.ListStrategiesResponse> ListStrategies = Method<Catalogue.ListStrategiesRequest, Catalogue.ListStrategiesResponse>("ListStrategies");
    private static readonly GrpcMethod<Catalogue.GetStrategyRequest, Catalogue.Strategy> GetStrategy = Method<Catalogue.GetStrategyRequest, Catalogue.Strategy>("GetStrategy");
    private static readonly GrpcMethod<Catalogue.GetDirectionHistoryRequest, Catalogue.GetDirectionHistoryResponse> History = Method<Catalogue.GetDirectionHistoryRequest, Catalogue.GetDirectionHistoryResponse>("GetDirectionHistory");

    public async Task<CatalogueRebuilt> RebuildAsync(CancellationToken ct)
    {
        var channel = channels.GetChannel(CatalogueClient);
        int strategies = 0, nodes = 0, entries = 0;
        for (var page = 1; ; page++)
        {
            var list = await channel.UnaryAsync(ListStrategies, new Catalogue.ListStrategiesRequest { Page = page, PageSize = 100 }, Options());
            foreach (var summary in list.Items)
            {
                var s = await channel.UnaryAsync(GetStrategy, new Catalogue.GetStrategyRequest { Id = summary.Id }, Options());
                var flat = Flatten(s.Tree).ToList();
                var loaded = 0;
                foreach (var d in flat.Where(n => n.Kind == "direction"))
                {
                    var history = await channel.UnaryAsync(History, new Catalogue.GetDirectionHistoryRequest { DirectionId = d.Id }, Options());
                    foreach (var e in history.Entries) loaded += await UpsertEntryAsync(Guid.Parse(s.Id), e, ct);
                }
                await UpsertStrategyAsync(s, flat, ct);
                strategies++;
                nodes += flat.Count;
                entries += loaded;
            }
            if (list.Items.Count == 0 || page * list.PageSize >= list.Total) break;
        }
        logger.LogInformation("Read model rebuilt from the catalogue: {Strategies} strategies, {Nodes} nodes, {Entries} new entry versions", strategies, nodes, entries);
        return new CatalogueRebuilt(strategies, nodes, entries);
    }

    private async Task UpsertStrategyAsync(Catalogue.Strategy s, IReadOnlyList<Catalogue.Node> flat, CancellationToken ct)
    {
        var id = Guid.Parse(s.Id);
        var row = await db.Strategies.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (row is null) db.Strategies.Add(row = new RmStrategy { Id = id });
        if (row.Version <= s.Version)
        {
            row.Code = s.Code; row.Name = s.Name; row.OwnerKind = s.Owner?.Kind ?? ""; row.OwnerUnits = s.Owner?.Units.ToArray() ?? [];
            row.OwnerName = s.Owner?.Name ?? ""; row.PeriodFrom = s.PeriodFrom; row.PeriodTo = s.PeriodTo;
            row.AdoptedBy = Null(s.AdoptedBy); row.Mission = Null(s.Mission); row.Vision = Null(s.Vision); row.State = s.State;
            row.EvaluationSummaryJson = Null(s.EvaluationSummaryJson); row.Version = s.Version; row.OccurredAt = clock.GetUtcNow();
        }
        if (row.TreeVersion <= s.Version)
        {
            row.TreeVersion = s.Version;
            await db.Nodes.Where(n => n.StrategyId == id).ExecuteDeleteAsync(ct);
            db.Nodes.AddRange(flat.Select(n => ReadModelMappers.ToRow(id, new Platform.Contracts.Events.Catalogue.V1.StrategyNodeSnapshot(
                Guid.Parse(n.Id), n.ParentId.Length == 0 ? null : Guid.Parse(n.ParentId), n.Kind, n.Code, n.Title, n.Order, n.Implementers.ToArray(),
                n.AreaWide, n.HasWeight ? (decimal)n.Weight : null,
                n.Indicators.Select(i => new Platform.Contracts.Events.Catalogue.V1.IndicatorSnapshot(i.IndicatorCode, i.TerritorialUnit,
                    i.HasBaselineYear ? i.BaselineYear : null, i.HasBaselineValue ? (decimal)i.BaselineValue : null,
                    i.HasTargetYear ? i.TargetYear : null, i.HasTargetValue ? (decimal)i.TargetValue : null)).ToArray(),
                n.ForwardedTo.Select(Guid.Parse).ToArray(), n.Version))));
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private async Task<int> UpsertEntryAsync(Guid strategyId, Catalogue.MonitoringEntry e, CancellationToken ct)
    {
        var recorded = e.RecordedAt?.ToDateTimeOffset() ?? clock.GetUtcNow();
        return await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO rm_entries (entry_id, version, strategy_id, direction_id, direction_code, year_from, year_to, realized, status, status_text,
                                    description, conclusions, implementers, recorded_at, occurred_at)
            VALUES ({Guid.Parse(e.Id)}, {e.Version}, {strategyId}, {Guid.Parse(e.DirectionId)}, {e.DirectionCode}, {e.YearFrom}, {e.YearTo},
                    {(e.HasRealized ? e.Realized : (bool?)null)}, {Null(e.Status)}, {Null(e.StatusText)}, {Null(e.Description)}, {Null(e.Conclusions)},
                    {e.Implementers.ToArray()}, {recorded}, {recorded})
            ON CONFLICT DO NOTHING
            """, ct);
    }

    private static IEnumerable<Catalogue.Node> Flatten(IEnumerable<Catalogue.Node> nodes)
    {
        foreach (var n in nodes)
        {
            yield return n;
            foreach (var c in Flatten(n.Children)) yield return c;
        }
    }

    private static CallOptions Options() => new CallOptions().WithTimeout(TimeSpan.FromSeconds(30));

    private static string? Null(string s) => s.Length == 0 ? null : s;

    private static GrpcMethod<TReq, TRes> Method<TReq, TRes>(string name)
        where TReq : class, Google.Protobuf.IMessage<TReq>, new() where TRes : class, Google.Protobuf.IMessage<TRes>, new() =>
        GrpcMethod<TReq, TRes>.For(Service.FindMethodByName(name));
}
