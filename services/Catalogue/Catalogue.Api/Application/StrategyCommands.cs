using Catalogue.Api.Domain;
using Catalogue.Api.Messaging;
using Catalogue.Api.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.ServiceDefaults.Identity;
using Platform.Territory.Persistence;

namespace Catalogue.Api.Application;

/// <summary>Creating and changing strategies and their trees; every change announces itself through the outbox.</summary>
public sealed class StrategyCommands(CatalogueDbContext db, TimeProvider clock, CurrentCaller caller, TerritoryRegisterCache registerCache)
{
    public const string WriteRole = PlatformRoles.Coordinator;

    public async Task<StrategyView> CreateStrategyAsync(CreateStrategy c, CancellationToken ct)
    {
        caller.DemandRole("utworzyć strategii", WriteRole);
        var errors = new ValidationErrors();
        var state = c.State ?? StrategyState.Draft;
        Rules.Header(errors, c.Name, c.PeriodFrom, c.PeriodTo, c.AdoptedBy, c.Mission, c.Vision, state);
        RegisterRules.Owner(errors, c.Owner, await registerCache.GetAsync(ct));
        var code = string.IsNullOrWhiteSpace(c.Code) ? StrategyCodes.FromName(c.Name ?? "", c.PeriodFrom, c.PeriodTo) : c.Code.Trim();
        Rules.StrategyCode(errors, "code", code);
        errors.ThrowIfAny();
        caller.DemandWrite(c.Owner!.Units!, "utworzyć strategii tego obszaru", WriteRole);
        if (await db.Strategies.AnyAsync(s => s.Code == code, ct))
            throw ValidationFailedException.Single("code", $"Strategia o kodzie {code} już istnieje.");

        var now = clock.GetUtcNow();
        var strategy = new Strategy
        {
            Id = Guid.CreateVersion7(), Code = code, Name = c.Name!.Trim(), OwnerKind = c.Owner!.Kind!, OwnerUnits = c.Owner.Units!,
            OwnerName = c.Owner.Name!.Trim(), PeriodFrom = c.PeriodFrom, PeriodTo = c.PeriodTo, AdoptedBy = c.AdoptedBy,
            Mission = c.Mission, Vision = c.Vision, State = state, Version = 1, CreatedAt = now, UpdatedAt = now,
        };
        db.Strategies.Add(strategy);
        CatalogueEvents.StrategyPublished(db, strategy, now);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw ValidationFailedException.Single("code", $"Strategia o kodzie {code} już istnieje.");
        }
        return StrategyViews.Header(strategy, []);
    }

    public async Task<StrategyView> UpdateStrategyAsync(Guid id, UpdateStrategy c, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        Rules.Header(errors, c.Name, c.PeriodFrom, c.PeriodTo, c.AdoptedBy, c.Mission, c.Vision, c.State);
        RegisterRules.Owner(errors, c.Owner, await registerCache.GetAsync(ct));
        errors.ThrowIfAny();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var strategy = await LockStrategyAsync(id, ct);
        caller.DemandWrite(strategy.OwnerUnits.Concat(c.Owner?.Units ?? []), "zmienić tej strategii", WriteRole);
        if (strategy.Version != c.ExpectedVersion)
            throw new ConcurrencyConflictException($"Strategia zmieniła się w międzyczasie (wersja {strategy.Version}).", strategy.Version);
        var state = c.State ?? strategy.State;
        if (StateRank(state) < StateRank(strategy.State))
            errors.Add("state", $"Nie można wrócić ze stanu {strategy.State} do {state}.");
        var outside = await db.Entries.Where(e => e.StrategyId == id && (e.YearFrom < c.PeriodFrom || e.YearTo > c.PeriodTo)).CountAsync(ct);
        if (outside > 0) errors.Add("periodFrom", $"{outside} wpisów monitoringu leży poza nowym okresem.");
        errors.ThrowIfAny();

        var now = clock.GetUtcNow();
        strategy.Name = c.Name!.Trim();
        strategy.OwnerKind = c.Owner!.Kind!;
        strategy.OwnerUnits = c.Owner.Units!;
        strategy.OwnerName = c.Owner.Name!.Trim();
        strategy.PeriodFrom = c.PeriodFrom;
        strategy.PeriodTo = c.PeriodTo;
        strategy.AdoptedBy = c.AdoptedBy;
        strategy.Mission = c.Mission;
        strategy.Vision = c.Vision;
        strategy.State = state;
        strategy.Version++;
        strategy.UpdatedAt = now;
        CatalogueEvents.StrategyPublished(db, strategy, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return StrategyViews.Header(strategy, []);
    }

    public async Task<NodeView> CreateNodeAsync(Guid strategyId, CreateNode c, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (!NodeKinds.TryParse(c.Kind, out var kind))
            throw ValidationFailedException.Single("kind", $"Dozwolone wartości: {string.Join(", ", NodeKinds.ByName.Keys)}.");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var strategy = await LockStrategyAsync(strategyId, ct);
        caller.DemandWrite(strategy.OwnerUnits, "zmienić drzewa tej strategii", WriteRole);
        var nodes = await db.Nodes.Where(n => n.StrategyId == strategyId).ToListAsync(ct);
        var parent = c.ParentId is { } pid ? nodes.FirstOrDefault(n => n.Id == pid) : null;
        var code = c.Code?.Trim();
        Rules.Placement(errors, "code", "parentId", kind, code, parent, c.ParentId is not null && parent is null, nodes.Where(n => n.Kind == kind));
        Rules.NodeFields(errors, "", kind, c.Title, c.Order, c.Implementers, c.AreaWide, c.Weight, c.Indicators, c.ForwardedTo,
            await registerCache.GetAsync(ct));
        await ForwardTargetsAsync(errors, strategyId, c.ForwardedTo, ct);
        errors.ThrowIfAny();

        var now = clock.GetUtcNow();
        var node = new StrategyNode
        {
            Id = Guid.CreateVersion7(), StrategyId = strategyId, ParentId = parent?.Id, Kind = kind, Code = code!, Title = c.Title!.Trim(),
            Order = c.Order ?? nodes.Where(n => n.ParentId == parent?.Id).Select(n => n.Order + 1).DefaultIfEmpty(1).Max(),
            Implementers = Clean(c.Implementers), AreaWide = c.AreaWide, Weight = c.Weight, Indicators = Mappers.WriteIndicators(c.Indicators),
            ForwardedTo = c.ForwardedTo?.Distinct().ToArray() ?? [], Version = 1, UpdatedAt = now,
        };
        node.RefreshSearchText();
        db.Nodes.Add(node);
        nodes.Add(node);
        await CommitTreeChangeAsync(strategy, nodes, now, ct);
        await tx.CommitAsync(ct);
        return StrategyViews.Node(node, null, []);
    }

    public async Task<NodeView> UpdateNodeAsync(Guid nodeId, UpdateNode c, CancellationToken ct)
    {
        var strategyId = await db.Nodes.Where(n => n.Id == nodeId).Select(n => (Guid?)n.StrategyId).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"Nie ma węzła {nodeId}.");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var strategy = await LockStrategyAsync(strategyId, ct);
        caller.DemandWrite(strategy.OwnerUnits, "zmienić drzewa tej strategii", WriteRole);
        var nodes = await db.Nodes.Where(n => n.StrategyId == strategyId).ToListAsync(ct);
        var node = nodes.Single(n => n.Id == nodeId);
        if (node.Version != c.ExpectedVersion)
            throw new ConcurrencyConflictException($"Węzeł {node.Code} zmienił się w międzyczasie (wersja {node.Version}).", node.Version);
        var errors = new ValidationErrors();
        Rules.NodeFields(errors, "", node.Kind, c.Title, c.Order, c.Implementers, c.AreaWide, c.Weight, c.Indicators, c.ForwardedTo,
            await registerCache.GetAsync(ct));
        await ForwardTargetsAsync(errors, strategyId, c.ForwardedTo, ct);
        errors.ThrowIfAny();

        var now = clock.GetUtcNow();
        node.Title = c.Title!.Trim();
        node.Order = c.Order ?? node.Order;
        node.Implementers = Clean(c.Implementers);
        node.AreaWide = c.AreaWide;
        node.Weight = c.Weight;
        node.Indicators = Mappers.WriteIndicators(c.Indicators);
        node.ForwardedTo = c.ForwardedTo?.Distinct().ToArray() ?? [];
        node.Version++;
        node.UpdatedAt = now;
        node.RefreshSearchText();
        await CommitTreeChangeAsync(strategy, nodes, now, ct);
        await tx.CommitAsync(ct);
        return StrategyViews.Node(node, null, []);
    }

    /// <summary>Recomputes the derived tree, bumps the strategy's version and announces the whole tree.</summary>
    private async Task CommitTreeChangeAsync(Strategy strategy, List<StrategyNode> nodes, DateTimeOffset now, CancellationToken ct)
    {
        var ordered = StrategyTree.Recompute(nodes);
        strategy.Version++;
        strategy.UpdatedAt = now;
        CatalogueEvents.TreeChanged(db, strategy, ordered, now);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Takes the strategy's row lock for the rest of the transaction: tree changes of one strategy run
    /// one after another, so code uniqueness and versions are checked against what is really there.
    /// </summary>
    /// <summary>
    /// Archives a strategy (imported by mistake, replaced): it leaves the public lists and takes no new entries or reports,
    /// and stays whole — tree, entries, history — for an administrator to restore. Reporting hears of it.
    /// </summary>
    public async Task<StrategyView> ArchiveStrategyAsync(Guid id, int expectedVersion, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var strategy = await LockStrategyAsync(id, ct);
        caller.DemandWrite(strategy.OwnerUnits, "zarchiwizować tej strategii", WriteRole);
        if (strategy.ArchivedAt is not null) throw ValidationFailedException.Single("id", "Strategia jest już w archiwum.");
        if (strategy.Version != expectedVersion)
            throw new ConcurrencyConflictException($"Strategia zmieniła się w międzyczasie (wersja {strategy.Version}).", strategy.Version);
        var now = clock.GetUtcNow();
        strategy.ArchivedAt = now;
        strategy.ArchivedBy = caller.RecordedBy(null) ?? "platforma";
        return await SaveArchiveChangeAsync(strategy, now, tx, ct);
    }

    /// <summary>Brings an archived strategy back to the lists, as it was (administrators only).</summary>
    public async Task<StrategyView> RestoreStrategyAsync(Guid id, CancellationToken ct)
    {
        caller.DemandRole("przywrócić strategii z archiwum", PlatformRoles.Admin);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var strategy = await LockStrategyAsync(id, ct);
        if (strategy.ArchivedAt is null) throw ValidationFailedException.Single("id", "Strategia nie jest w archiwum.");
        strategy.ArchivedAt = null;
        strategy.ArchivedBy = null;
        return await SaveArchiveChangeAsync(strategy, clock.GetUtcNow(), tx, ct);
    }

    private async Task<StrategyView> SaveArchiveChangeAsync(Strategy strategy, DateTimeOffset now, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, CancellationToken ct)
    {
        strategy.Version++;
        strategy.UpdatedAt = now;
        CatalogueEvents.StrategyPublished(db, strategy, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return StrategyViews.Header(strategy, []);
    }

    private async Task<Strategy> LockStrategyAsync(Guid id, CancellationToken ct) =>
        await db.Strategies.FromSqlInterpolated($"SELECT * FROM strategies WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(ct)
        ?? throw new NotFoundException($"Nie ma strategii {id}.");

    /// <summary>"Forwarded to" must name directions of other strategies.</summary>
    private async Task ForwardTargetsAsync(ValidationErrors errors, Guid strategyId, Guid[]? targets, CancellationToken ct)
    {
        if (targets is not { Length: > 0 }) return;
        var found = await db.Nodes.Where(n => targets.Contains(n.Id) && n.Kind == NodeKind.Direction && n.StrategyId != strategyId)
            .Select(n => n.Id).ToListAsync(ct);
        for (var i = 0; i < targets.Length; i++)
            if (!found.Contains(targets[i])) errors.Add($"forwardedTo[{i}]", "Nieznany kierunek interwencji innej strategii.");
    }

    private static int StateRank(string state) => state switch
    {
        StrategyState.Draft => 0,
        StrategyState.Adopted => 1,
        _ => 2,
    };

    internal static string[] Clean(IEnumerable<string>? values) =>
        values?.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct().ToArray() ?? [];
}
