using Platform.ServiceDefaults.Validation;
using Catalogue.Api.Domain;
using Catalogue.Api.Persistence;
using Microsoft.EntityFrameworkCore;
using Platform.Territory.Persistence;

namespace Catalogue.Api.Application;

/// <summary>The catalogue's reads: strategies with their trees and roll-up, direction lists, history.</summary>
public sealed class CatalogueQueries(CatalogueDbContext db, TerritoryRegisterCache registerCache, Platform.ServiceDefaults.Identity.CurrentCaller caller)
{
    public static readonly IReadOnlyList<string> SortKeys = ["tree", "code", "title"];

    /// <summary>Status filter values beside the statuses: directions without an entry, and with an unrecognised status.</summary>
    public const string MissingFilter = "missing", ReportedFilter = "reported", UnmappedFilter = "unmapped";

    /// <summary>Strategies by name; with <paramref name="territory"/> (a TERYT code) only those touching that unit (<see cref="RegisterRules.Touching"/>).</summary>
    public async Task<Paged<StrategySummaryView>> ListStrategiesAsync(int page, int pageSize, string? territory, CancellationToken ct, bool archived = false)
    {
        // The archive is not public: who may archive (a coordinator) or restore (an administrator) sees it.
        if (archived) caller.DemandRole("przeglądać archiwum strategii", StrategyCommands.WriteRole, Platform.ServiceDefaults.Identity.PlatformRoles.Service);
        var errors = new ValidationErrors();
        PagingErrors(errors, page, pageSize);
        string[]? touching = null;
        if (!string.IsNullOrWhiteSpace(territory))
            touching = RegisterRules.Touching(errors, "territory", territory.Trim(), await registerCache.GetAsync(ct));
        errors.ThrowIfAny();

        var strategies = db.Strategies.AsNoTracking().Where(s => (s.ArchivedAt != null) == archived);
        if (touching is not null) strategies = strategies.Where(s => s.OwnerUnits.Any(u => touching.Contains(u))); // owner_units && @touching
        var total = await strategies.CountAsync(ct);
        var rows = await strategies.OrderBy(s => s.Name).ThenBy(s => s.Code)
            .Skip(Paging.Offset(page, pageSize)).Take(pageSize)
            .Select(s => new { Strategy = s, Directions = db.Nodes.Count(n => n.StrategyId == s.Id && n.Kind == NodeKind.Direction) })
            .ToListAsync(ct);
        var periods = await EntryPeriodsAsync(rows.Select(r => r.Strategy.Id).ToList(), ct);
        return new Paged<StrategySummaryView>(rows.Select(r => new StrategySummaryView(
            r.Strategy.Id, r.Strategy.Code, r.Strategy.Name, Mappers.Owner(r.Strategy), r.Strategy.PeriodFrom, r.Strategy.PeriodTo,
            r.Strategy.State, r.Strategy.Version, r.Directions, periods[r.Strategy.Id].ToList(), r.Strategy.ArchivedAt)).ToList(), page, pageSize, total);
    }

    /// <summary>
    /// The entries in force: the newest version of each (direction, period), unless that version withdraws it.
    /// Every read of "has an entry" goes through here, so a withdrawn entry counts nowhere.
    /// </summary>
    private IQueryable<MonitoringEntry> Current =>
        db.Entries.AsNoTracking().Where(e => !e.Withdrawn && !db.Entries.Any(
            later => later.DirectionId == e.DirectionId && later.YearFrom == e.YearFrom && later.YearTo == e.YearTo && later.Version > e.Version));

    /// <summary>Per strategy, the periods with entries and the directions each covers, latest first.</summary>
    private async Task<ILookup<Guid, EntryPeriodView>> EntryPeriodsAsync(List<Guid> strategyIds, CancellationToken ct)
    {
        var rows = await Current.Where(e => strategyIds.Contains(e.StrategyId))
            .GroupBy(e => new { e.StrategyId, e.YearFrom, e.YearTo })
            .Select(g => new { g.Key.StrategyId, g.Key.YearFrom, g.Key.YearTo, Directions = g.Select(e => e.DirectionId).Distinct().Count() })
            .ToListAsync(ct);
        return rows.OrderByDescending(r => r.YearTo).ThenByDescending(r => r.Directions).ThenBy(r => r.YearFrom)
            .ToLookup(r => r.StrategyId, r => new EntryPeriodView(r.YearFrom, r.YearTo, r.Directions));
    }

    public async Task<StrategyView> GetStrategyAsync(Guid id, int? year, int? yearFrom, int? yearTo, CancellationToken ct)
    {
        var strategy = await FindStrategyAsync(id, ct);
        MonitoringPeriod? period = null;
        if (year is not null || yearFrom is not null || yearTo is not null)
        {
            var errors = new ValidationErrors();
            period = Rules.Period(errors, year, yearFrom, yearTo, strategy);
            errors.ThrowIfAny();
        }
        var nodes = await db.Nodes.AsNoTracking().Where(n => n.StrategyId == id).OrderBy(n => n.SortKey).ToListAsync(ct);
        var statuses = period is { } p ? await CurrentStatusesAsync(id, p, ct) : null;
        return StrategyViews.Header(strategy, RollUp.BuildTree(nodes, statuses), period);
    }

    public async Task<Paged<DirectionView>> ListDirectionsAsync(Guid strategyId, DirectionFilter f, CancellationToken ct)
    {
        var strategy = await FindStrategyAsync(strategyId, ct);
        var errors = new ValidationErrors();
        PagingErrors(errors, f.Page, f.PageSize);
        if (f.Status is not null && !MonitoringStatus.IsKnown(f.Status) && f.Status is not (MissingFilter or ReportedFilter or UnmappedFilter))
            errors.Add("status", $"Nieznany status '{Rules.Clip(f.Status)}'; dozwolone: {string.Join(", ", MonitoringStatus.All)}, {MissingFilter}, {ReportedFilter}, {UnmappedFilter}.");
        if (f.Period is { } fp && (!strategy.Covers(fp.From) || !strategy.Covers(fp.To)))
            errors.Add("year", $"Rok poza okresem strategii {strategy.PeriodFrom}–{strategy.PeriodTo}.");
        var sort = f.Sort ?? "tree";
        var descending = sort.StartsWith('-');
        if (!SortKeys.Contains(sort.TrimStart('-'))) errors.Add("sort", $"Dozwolone: {string.Join(", ", SortKeys)} (z '-' malejąco).");
        if (f.Query is { Length: > 200 }) errors.Add("q", "Tekst przekracza limit 200 znaków.");
        if (f.Node is { } nodeId && !await db.Nodes.AnyAsync(n => n.Id == nodeId && n.StrategyId == strategyId, ct))
            errors.Add("node", "Nieznany węzeł tej strategii.");
        errors.ThrowIfAny();

        var query = db.Nodes.AsNoTracking().Where(n => n.StrategyId == strategyId && n.Kind == NodeKind.Direction);
        if (f.Node is { } node) query = query.Where(n => n.AncestorIds.Contains(node) || n.Id == node);
        if (!string.IsNullOrWhiteSpace(f.Implementer)) query = query.Where(n => n.Implementers.Contains(f.Implementer.Trim()));
        if (f.AreaWide is { } areaWide) query = query.Where(n => n.AreaWide == areaWide);
        if (!string.IsNullOrWhiteSpace(f.Query))
        {
            var folded = PolishText.Fold(f.Query.Trim());
            query = query.Where(n => n.SearchText.Contains(folded));
        }
        if (f.Status is MissingFilter or ReportedFilter)
        {
            var reported = f.Status is ReportedFilter;
            query = f.Period is { } p
                ? query.Where(n => Current.Any(e => e.DirectionId == n.Id && e.YearFrom == p.From && e.YearTo == p.To) == reported)
                : query.Where(n => Current.Any(e => e.DirectionId == n.Id) == reported);
        }
        else if (f.Status is { } status)
        {
            // "unmapped": the entry is there but its status text matched no known status (Status is null).
            var wanted = status == UnmappedFilter ? null : status;
            var period = f.Period;
            query = period is { } p
                ? query.Where(n => Current.Any(e => e.DirectionId == n.Id && e.YearFrom == p.From && e.YearTo == p.To && e.Status == wanted))
                : query.Where(n => Current.Any(e => e.DirectionId == n.Id) && Current.Where(e => e.DirectionId == n.Id)
                    .OrderByDescending(e => e.YearTo).ThenByDescending(e => e.YearFrom)
                    .Select(e => e.Status).FirstOrDefault() == wanted);
        }
        var total = await query.CountAsync(ct);
        query = (sort.TrimStart('-'), descending) switch
        {
            ("code", false) => query.OrderBy(n => n.Code),
            ("code", true) => query.OrderByDescending(n => n.Code),
            ("title", false) => query.OrderBy(n => n.Title).ThenBy(n => n.SortKey),
            ("title", true) => query.OrderByDescending(n => n.Title).ThenBy(n => n.SortKey),
            (_, true) => query.OrderByDescending(n => n.SortKey),
            _ => query.OrderBy(n => n.SortKey),
        };
        var directions = await query.Skip(Paging.Offset(f.Page, f.PageSize)).Take(f.PageSize).ToListAsync(ct);
        var entries = await CurrentEntriesAsync(directions, f.Period, ct);
        return new Paged<DirectionView>(
            directions.Select(d => d.ToDirectionView(entries.TryGetValue(d.Id, out var e) ? e.ToView(d.Code) : null)).ToList(),
            f.Page, f.PageSize, total);
    }

    public async Task<Paged<DirectionView>> MissingEntriesAsync(Guid strategyId, int? year, int? yearFrom, int? yearTo, int page, int pageSize, CancellationToken ct)
    {
        var strategy = await FindStrategyAsync(strategyId, ct);
        var errors = new ValidationErrors();
        var period = Rules.Period(errors, year, yearFrom, yearTo, strategy);
        PagingErrors(errors, page, pageSize);
        errors.ThrowIfAny();
        var (from, to) = (period!.Value.From, period.Value.To);
        var query = db.Nodes.AsNoTracking()
            .Where(n => n.StrategyId == strategyId && n.Kind == NodeKind.Direction
                && !Current.Any(e => e.DirectionId == n.Id && e.YearFrom == from && e.YearTo == to));
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(n => n.SortKey).Skip(Paging.Offset(page, pageSize)).Take(pageSize).ToListAsync(ct);
        return new Paged<DirectionView>(rows.Select(d => d.ToDirectionView(null)).ToList(), page, pageSize, total);
    }

    /// <summary>Every version of every entry of a direction, oldest first per period.</summary>
    public async Task<IReadOnlyList<EntryView>> HistoryAsync(Guid directionId, int? year, CancellationToken ct)
    {
        var direction = await db.Nodes.AsNoTracking().FirstOrDefaultAsync(n => n.Id == directionId && n.Kind == NodeKind.Direction, ct)
            ?? throw new NotFoundException($"Nie ma kierunku interwencji {directionId}.");
        var query = db.Entries.AsNoTracking().Where(e => e.DirectionId == directionId);
        if (year is { } y) query = query.Where(e => e.YearFrom <= y && e.YearTo >= y);
        var entries = await query.OrderBy(e => e.YearFrom).ThenBy(e => e.YearTo).ThenBy(e => e.Version).ToListAsync(ct);
        return entries.Select(e => e.ToView(direction.Code)).ToList();
    }

    private async Task<Strategy> FindStrategyAsync(Guid id, CancellationToken ct) =>
        await db.Strategies.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException($"Nie ma strategii {id}.");

    /// <summary>The newest version of each direction's entry for the period (for the roll-up).</summary>
    private async Task<Dictionary<Guid, string?>> CurrentStatusesAsync(Guid strategyId, MonitoringPeriod p, CancellationToken ct)
    {
        var rows = await Current
            .Where(e => e.StrategyId == strategyId && e.YearFrom == p.From && e.YearTo == p.To)
            .Select(e => new { e.DirectionId, e.Status }).ToListAsync(ct);
        return rows.ToDictionary(r => r.DirectionId, r => r.Status);
    }

    /// <summary>The entry shown with each listed direction: for the period, or else its latest.</summary>
    private async Task<Dictionary<Guid, MonitoringEntry>> CurrentEntriesAsync(List<StrategyNode> directions, MonitoringPeriod? period, CancellationToken ct)
    {
        var ids = directions.Select(d => d.Id).ToList();
        var query = Current.Where(e => ids.Contains(e.DirectionId));
        if (period is { } p) query = query.Where(e => e.YearFrom == p.From && e.YearTo == p.To);
        var entries = await query.ToListAsync(ct);
        return entries.GroupBy(e => e.DirectionId).ToDictionary(g => g.Key,
            g => g.OrderByDescending(e => e.YearTo).ThenByDescending(e => e.YearFrom).First());
    }

    private static void PagingErrors(ValidationErrors errors, int page, int pageSize)
    {
        Paging.Check(errors, page, pageSize, Limits.MaxPageSize);
    }
}
