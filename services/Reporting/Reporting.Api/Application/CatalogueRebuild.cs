using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Reporting.Api.Clients;
using Reporting.Api.Persistence;
using Reporting.Api.ReadModel;
using Catalogue = Platform.Contracts.Catalogue.V1;

namespace Reporting.Api.Application;

/// <summary>What the catalogue rebuild loaded.</summary>
public sealed record CatalogueRebuilt(int Strategies, int Nodes, int Entries);

/// <summary>
/// Reloads the catalogue part of the read model over gRPC (a new installation, or a lost read model):
/// every strategy's header and tree, and every version of every direction's entries. Idempotent and
/// safe beside the event consumers: versions only move forward, entry versions are keyed. Peer "catalogue"
/// (GrpcClients:catalogue:Address); the client policy signs the calls as reporting and gives each the unary
/// deadline. A catalogue that cannot be reached (or has no address) ends as <see cref="SourceUnavailableException"/>.
/// </summary>
public sealed class CatalogueRebuild(ReportingDbContext db, Catalogue.CatalogueService.CatalogueServiceClient client, TimeProvider clock,
    ILogger<CatalogueRebuild> logger)
{
    public const string Peer = "catalogue";

    public async Task<CatalogueRebuilt> RebuildAsync(CancellationToken ct)
    {
        try { return await LoadAsync(ct); }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded && !ct.IsCancellationRequested)
        {
            throw new SourceUnavailableException($"Usługa katalogu strategii jest niedostępna; strategie nie zostały wczytane ({ex.Status.Detail}).", ex);
        }
    }

    private async Task<CatalogueRebuilt> LoadAsync(CancellationToken ct)
    {
        int strategies = 0, nodes = 0, entries = 0;
        // The public list, then the archive: an archived strategy's reports stay readable, so it stays in the read model.
        foreach (var archived in (bool[])[false, true])
        {
            for (var page = 1; ; page++)
            {
                var list = await client.ListStrategiesAsync(new Catalogue.ListStrategiesRequest { Page = page, PageSize = 100, Archived = archived }, cancellationToken: ct);
                foreach (var summary in list.Items)
                {
                    var s = await client.GetStrategyAsync(new Catalogue.GetStrategyRequest { Id = summary.Id }, cancellationToken: ct);
                    var flat = Flatten(s.Tree).ToList();
                    var loaded = 0;
                    foreach (var d in flat.Where(n => n.Kind == "direction"))
                    {
                        var history = await client.GetDirectionHistoryAsync(new Catalogue.GetDirectionHistoryRequest { DirectionId = d.Id }, cancellationToken: ct);
                        foreach (var e in history.Entries) loaded += await UpsertEntryAsync(Guid.Parse(s.Id), e, ct);
                    }
                    await UpsertStrategyAsync(s, flat, ct);
                    strategies++;
                    nodes += flat.Count;
                    entries += loaded;
                }
                if (list.Items.Count == 0 || page * list.PageSize >= list.Total) break;
            }
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
            row.Archived = s.ArchivedAt is not null;
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
                                    description, conclusions, implementers, recorded_at, occurred_at, withdrawn)
            VALUES ({Guid.Parse(e.Id)}, {e.Version}, {strategyId}, {Guid.Parse(e.DirectionId)}, {e.DirectionCode}, {e.YearFrom}, {e.YearTo},
                    {(e.HasRealized ? e.Realized : (bool?)null)}, {Null(e.Status)}, {Null(e.StatusText)}, {Null(e.Description)}, {Null(e.Conclusions)},
                    {e.Implementers.ToArray()}, {recorded}, {recorded}, {e.Withdrawn})
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

    private static string? Null(string s) => s.Length == 0 ? null : s;
}
