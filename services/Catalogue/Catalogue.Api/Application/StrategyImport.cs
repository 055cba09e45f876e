using Catalogue.Api.Domain;
using Catalogue.Api.Import;
using Catalogue.Api.Messaging;
using Catalogue.Api.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.ServiceDefaults.Identity;
using Platform.Territory.Persistence;

namespace Catalogue.Api.Application;

/// <summary>
/// Imports a whole strategy (from either reader) in one transaction: the strategy is found by its
/// code, nodes by (kind, code), so a re-import updates what changed and adds what is new; an entry
/// whose content is unchanged is not versioned again. Everything is validated before anything is
/// written, and one error refuses the whole file.
/// </summary>
public sealed class StrategyImport(CatalogueDbContext db, TimeProvider clock, CurrentCaller caller, TerritoryRegisterCache registerCache)
{
    public const string ImportRecorder = "import";

    public async Task<ImportReport> ImportAsync(StrategyDocument doc, CancellationToken ct)
    {
        var errors = doc.Errors;
        var h = doc.HeaderWhere;
        var headerErrors = new ValidationErrors();
        var register = await registerCache.GetAsync(ct);
        Rules.Header(headerErrors, doc.Name, doc.PeriodFrom, doc.PeriodTo, doc.AdoptedBy, doc.Mission, doc.Vision, doc.State);
        // Units named by word become the owner's codes; a failed name is reported at its own field, not as a missing owner.
        var namedTerritory = doc.Territory is not null && doc.Owner?.Units is not { Length: > 0 };
        if (namedTerritory) doc.Owner = TerritoryOwner.Resolve(doc.Territory!, doc.Owner, register, errors) ?? doc.Owner;
        if (!(namedTerritory && errors.HasUnder(doc.Territory!.Where))) RegisterRules.Owner(headerErrors, doc.Owner, register);
        var code = string.IsNullOrWhiteSpace(doc.Code) ? StrategyCodes.FromName(doc.Name ?? "", doc.PeriodFrom, doc.PeriodTo) : doc.Code.Trim();
        Rules.StrategyCode(headerErrors, doc.FlatHeader ? "strategy_code" : "code", code);
        errors.AddAll(headerErrors, field => h + FormatField(field, doc.FlatHeader));
        // No early exit: the nodes and entries are checked too, so one answer names every offending row.

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var strategy = await db.Strategies.FromSqlInterpolated($"SELECT * FROM strategies WHERE code = {code} FOR UPDATE").SingleOrDefaultAsync(ct);
        caller.DemandRole("importować strategii", StrategyCommands.WriteRole);
        var created = strategy is null;
        var existing = created ? new List<StrategyNode>() : await db.Nodes.Where(n => n.StrategyId == strategy!.Id).ToListAsync(ct);
        if (!created && await db.Entries.AnyAsync(e => e.StrategyId == strategy!.Id && (e.YearFrom < doc.PeriodFrom || e.YearTo > doc.PeriodTo), ct))
            errors.Add(h + "period_from", "Istnieją wpisy monitoringu poza okresem z pliku.");

        // Nodes: resolve parents among the file's and the stored nodes, then check placement.
        var byKey = existing.ToDictionary(n => (n.Kind, n.Code));
        var fileKeys = new HashSet<(NodeKind, string)>();
        var resolvedParent = new Dictionary<NodeRow, (NodeKind Kind, string Code)?>(ReferenceEqualityComparer.Instance);
        var all = existing.Select(n => (Kind: n.Kind, Code: n.Code))
            .Concat(doc.Nodes.Where(r => r.Code is not null).Select(r => (Kind: r.Kind, Code: r.Code!))).ToHashSet();
        var kindsByCode = all.GroupBy(k => k.Code).ToDictionary(g => g.Key, g => g.Select(k => k.Kind).ToList());
        var byId = existing.ToDictionary(n => n.Id);
        foreach (var row in doc.Nodes)
        {
            var codeField = $"{row.Where}.code";
            Rules.NodeFields(errors, $"{row.Where}.", row.Kind, row.Title, row.Order, row.Implementers, row.AreaWide, row.Weight, null, null, register);
            if (row.Code is not null && !fileKeys.Add((row.Kind, row.Code))) { errors.Add(codeField, $"Kod {row.Code} powtarza się w pliku."); continue; }
            (NodeKind Kind, string Code)? parentKey = null;
            if (row.ParentCode is not null)
            {
                // A strategic goal may share its area's code: the parent is the deepest node of a higher level with that code.
                var candidates = kindsByCode.TryGetValue(row.ParentCode, out var kinds) ? kinds.Where(k => k < row.Kind).ToList() : [];
                if (candidates.Count > 0) parentKey = (candidates.Max(), row.ParentCode);
            }
            resolvedParent[row] = parentKey;
            var parent = parentKey is { } pk ? new StrategyNode { Kind = pk.Kind, Code = pk.Code } : null;
            Rules.Placement(errors, codeField, $"{row.Where}.{row.ParentField}", row.Kind, row.Code, parent,
                row.ParentCode is not null && parentKey is null, []);
            if (byKey.TryGetValue((row.Kind, row.Code ?? ""), out var stored) && parentKey is { } p && stored.ParentId is { } oldId && byId[oldId] is var old && (old.Kind, old.Code) != p)
                errors.Add($"{row.Where}.{row.ParentField}", $"Węzeł {row.Code} ma już innego rodzica ({old.Code}); kodu nie przenosi się.");
        }

        // Entries: a direction of this file or already stored, a period inside the strategy's, known statuses, limits.
        var header = new Strategy { PeriodFrom = doc.PeriodFrom, PeriodTo = doc.PeriodTo };
        var entryKeys = new HashSet<(string, int, int)>();
        foreach (var e in doc.Entries)
        {
            if (!all.Contains((NodeKind.Direction, e.DirectionCode))) errors.Add($"{e.Where}.code", $"Nieznany kierunek interwencji {e.DirectionCode}.");
            if (e.YearFrom == e.YearTo) Rules.Period(errors, e.YearFrom, null, null, header, $"{e.Where}.");
            else Rules.Period(errors, null, e.YearFrom, e.YearTo, header, $"{e.Where}.");
            Rules.EntryFields(errors, $"{e.Where}.", e.Status, statusRequired: false, e.StatusText, e.Description, e.Conclusions,
                e.Implementers, e.EvidenceLinks, e.RecordedBy ?? ImportRecorder);
            if (!entryKeys.Add((e.DirectionCode, e.YearFrom, e.YearTo))) errors.Add($"{e.Where}.year", $"Drugi wpis {e.DirectionCode} za ten sam okres w pliku.");
        }
        errors.ThrowIfAny();
        caller.DemandWrite((doc.Owner?.Units ?? []).Concat(strategy?.OwnerUnits ?? []), "importować strategii tego obszaru", StrategyCommands.WriteRole);

        var now = clock.GetUtcNow();
        var headerChanged = created;
        if (created)
        {
            strategy = new Strategy { Id = Guid.CreateVersion7(), Code = code, CreatedAt = now, Version = 0 };
            db.Strategies.Add(strategy);
        }
        headerChanged |= ApplyHeader(strategy!, doc);

        var (nodesCreated, nodesUpdated) = ApplyNodes(strategy!, doc, existing, byKey, resolvedParent, now);
        var treeChanged = created || nodesCreated + nodesUpdated > 0;
        var ordered = StrategyTree.Recompute(existing);

        var (entries, unchanged) = await NewEntriesAsync(strategy!, doc, byKey, now, ct);

        if (headerChanged || treeChanged)
        {
            strategy!.Version++;
            strategy.UpdatedAt = now;
        }
        if (headerChanged) CatalogueEvents.StrategyPublished(db, strategy!, now);
        if (treeChanged) CatalogueEvents.TreeChanged(db, strategy!, ordered, now);
        try
        {
            // The strategy, nodes and their events first (entries reference nodes; the relay publishes by id, so the
            // tree goes out before its entries), then the entries and their events by bulk copy, one commit for all.
            await db.SaveChangesAsync(ct);
            await BulkCopy.EntriesAsync(db, entries.Select(e => e.Entry).ToList(), ct);
            await BulkCopy.OutboxAsync(db, entries.Select(e => CatalogueEvents.EntryRecordedRow(e.Entry, e.DirectionCode, now)).ToList(), ct);
            await tx.CommitAsync(ct);
        }
        catch (Exception ex) when ((ex as PostgresException ?? ex.InnerException as PostgresException)?.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Another import of the same strategy committed first; the caller re-reads and decides.
            throw new ConcurrencyConflictException($"Strategia {code} została w międzyczasie zaimportowana lub zmieniona.", 0);
        }

        return new ImportReport(strategy!.Id, strategy.Code, created, strategy.Version,
            ordered.GroupBy(n => n.Kind.Name()).ToDictionary(g => g.Key, g => g.Count()),
            nodesCreated, nodesUpdated, entries.Count, unchanged,
            doc.Entries.GroupBy(e => e.Status ?? "unmapped").ToDictionary(g => g.Key, g => g.Count()),
            doc.Unmapped);
    }

    /// <summary>The import formats' own field names: snake_case, and in CSV the owner's fields are columns.</summary>
    private static string FormatField(string field, bool flat)
    {
        if (flat) field = field.Replace("name", "strategy_name").Replace("owner.strategy_name", "owner_name").Replace("owner.", "owner_");
        return string.Concat(field.Select(c => char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : c.ToString()));
    }

    // jsonb stores its own formatting of the summary: compare content, not text.
    private static bool SameJson(string? stored, string? incoming) =>
        stored is null || incoming is null
            ? stored == incoming
            : System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(stored), System.Text.Json.Nodes.JsonNode.Parse(incoming));

    private static bool ApplyHeader(Strategy s, StrategyDocument doc)
    {
        var changed = s.Name != doc.Name!.Trim() || s.OwnerKind != doc.Owner!.Kind || !s.OwnerUnits.SequenceEqual(doc.Owner.Units!)
            || s.OwnerName != doc.Owner.Name!.Trim() || s.PeriodFrom != doc.PeriodFrom || s.PeriodTo != doc.PeriodTo
            || s.AdoptedBy != doc.AdoptedBy || s.Mission != doc.Mission || s.Vision != doc.Vision || s.State != doc.State
            || !SameJson(s.EvaluationSummary, doc.EvaluationSummary) || s.Source != doc.Source;
        if (!changed) return false;
        s.Name = doc.Name!.Trim();
        s.OwnerKind = doc.Owner!.Kind!;
        s.OwnerUnits = doc.Owner.Units!;
        s.OwnerName = doc.Owner.Name!.Trim();
        s.PeriodFrom = doc.PeriodFrom;
        s.PeriodTo = doc.PeriodTo;
        s.AdoptedBy = doc.AdoptedBy;
        s.Mission = doc.Mission;
        s.Vision = doc.Vision;
        s.State = doc.State ?? StrategyState.Adopted;
        s.EvaluationSummary = doc.EvaluationSummary;
        s.Source = doc.Source;
        return true;
    }

    private (int Created, int Updated) ApplyNodes(Strategy strategy, StrategyDocument doc, List<StrategyNode> nodes,
        Dictionary<(NodeKind, string), StrategyNode> byKey, Dictionary<NodeRow, (NodeKind Kind, string Code)?> parents, DateTimeOffset now)
    {
        var created = new HashSet<StrategyNode>();
        var updated = 0;
        // Pass 1: every node exists; pass 2: parents and orders (a file may list a child before its parent).
        foreach (var row in doc.Nodes)
        {
            if (byKey.ContainsKey((row.Kind, row.Code!))) continue;
            var node = new StrategyNode
            {
                Id = Guid.CreateVersion7(), StrategyId = strategy.Id, Kind = row.Kind, Code = row.Code!, Title = row.Title!.Trim(),
                Implementers = StrategyCommands.Clean(row.Implementers), AreaWide = row.AreaWide, Weight = row.Weight,
                Version = 1, UpdatedAt = now,
            };
            byKey[(row.Kind, row.Code!)] = node;
            nodes.Add(node);
            db.Nodes.Add(node);
            created.Add(node);
        }
        var positions = new Dictionary<Guid, int>();
        foreach (var row in doc.Nodes)
        {
            var node = byKey[(row.Kind, row.Code!)];
            var parentId = parents[row] is { } pk ? byKey[pk].Id : (Guid?)null;
            var position = positions[parentId ?? Guid.Empty] = positions.GetValueOrDefault(parentId ?? Guid.Empty) + 1;
            var order = row.Order ?? position;
            var implementers = StrategyCommands.Clean(row.Implementers);
            var changed = node.ParentId != parentId || node.Order != order || node.Title != row.Title!.Trim()
                || !node.Implementers.SequenceEqual(implementers) || node.AreaWide != row.AreaWide || node.Weight != row.Weight;
            node.ParentId = parentId;
            node.Order = order;
            node.Title = row.Title!.Trim();
            node.Implementers = implementers;
            node.AreaWide = row.AreaWide;
            node.Weight = row.Weight;
            node.RefreshSearchText();
            if (changed && !created.Contains(node))
            {
                node.Version++;
                node.UpdatedAt = now;
                updated++;
            }
        }
        return (created.Count, updated);
    }

    /// <summary>The entries to write: a first version, or the next one where the content differs from the current version.</summary>
    private async Task<(List<(MonitoringEntry Entry, string DirectionCode)> Entries, int Unchanged)> NewEntriesAsync(Strategy strategy,
        StrategyDocument doc, Dictionary<(NodeKind, string), StrategyNode> byKey, DateTimeOffset now, CancellationToken ct)
    {
        var written = new List<(MonitoringEntry, string)>();
        if (doc.Entries.Count == 0) return (written, 0);
        var latest = new Dictionary<(Guid, int, int), MonitoringEntry>();
        if (strategy.Version > 0)
        {
            foreach (var e in await db.Entries.AsNoTracking().Where(e => e.StrategyId == strategy.Id).ToListAsync(ct))
            {
                var key = (e.DirectionId, e.YearFrom, e.YearTo);
                if (!latest.TryGetValue(key, out var l) || l.Version < e.Version) latest[key] = e;
            }
        }
        var unchanged = 0;
        foreach (var row in doc.Entries)
        {
            var direction = byKey[(NodeKind.Direction, row.DirectionCode)];
            var previous = latest.GetValueOrDefault((direction.Id, row.YearFrom, row.YearTo));
            var evidence = StrategyCommands.Clean(row.EvidenceLinks);
            if (previous is { Withdrawn: false } && previous.Realized == row.Realized && previous.Status == row.Status && previous.StatusText == row.StatusText
                && previous.Description == row.Description && previous.Conclusions == row.Conclusions && previous.EvidenceLinks.SequenceEqual(evidence))
            {
                unchanged++;
                continue;
            }
            var entry = new MonitoringEntry
            {
                Id = Guid.CreateVersion7(), DirectionId = direction.Id, StrategyId = strategy.Id, YearFrom = row.YearFrom, YearTo = row.YearTo,
                Version = (previous?.Version ?? 0) + 1, Realized = row.Realized, Status = row.Status, StatusText = row.StatusText,
                Description = row.Description, Conclusions = row.Conclusions, Implementers = StrategyCommands.Clean(row.Implementers),
                EvidenceLinks = evidence, RecordedBy = row.RecordedBy ?? ImportRecorder, RecordedAt = now,
            };
            written.Add((entry, direction.Code));
        }
        return (written, unchanged);
    }
}
