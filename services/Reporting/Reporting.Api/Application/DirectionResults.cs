using Reporting.Api.Domain;
using Reporting.Api.ReadModel;

namespace Reporting.Api.Application;

/// <summary>One direction with what was recorded for it in the report's years (null: no entry).</summary>
public sealed record DirectionResult(RmNode Direction, RmNode Area, RmNode? Goal, RmEntry? Entry, string? Description);

public static class DirectionResults
{
    /// <summary>
    /// Picks each direction's entry for the years: for one year the entry of that year; for a period
    /// an entry covering the whole period if there is one, else the latest yearly entry inside it,
    /// with every year's "what was done" listed. Among versions/duplicates the newest record wins.
    /// </summary>
    public static IReadOnlyList<DirectionResult> For(StrategyIndex tree, IReadOnlyList<RmEntry> entries, int from, int to)
    {
        // The newest version of each (direction, period) decides; a withdrawal leaves the period without an entry.
        var byDirection = entries
            .Where(e => e.YearFrom >= from && e.YearTo <= to)
            .GroupBy(e => (e.DirectionId, e.YearFrom, e.YearTo))
            .Select(g => g.MaxBy(e => e.Version)!)
            .Where(e => !e.Withdrawn)
            .GroupBy(e => e.DirectionId)
            .ToDictionary(g => g.Key, g => g.ToList());
        var results = new List<DirectionResult>();
        foreach (var d in tree.Directions)
        {
            var area = tree.AreaOf(d);
            var goal = tree.GoalOf(d);
            if (!byDirection.TryGetValue(d.Id, out var list))
            {
                results.Add(new DirectionResult(d, area, goal, null, null));
                continue;
            }
            var chosen = list
                .OrderByDescending(e => e.YearFrom == from && e.YearTo == to)
                .ThenByDescending(e => e.YearTo)
                .ThenBy(e => e.YearFrom)
                .ThenByDescending(e => e.RecordedAt)
                .ThenByDescending(e => e.Version)
                .First();
            var description = chosen.Description;
            var yearly = list.Where(e => e.YearFrom == e.YearTo && !string.IsNullOrWhiteSpace(e.Description))
                .GroupBy(e => e.YearFrom).Select(g => g.OrderByDescending(e => e.RecordedAt).ThenByDescending(e => e.Version).First())
                .OrderBy(e => e.YearFrom).ToList();
            if (from != to && (chosen.YearFrom != from || chosen.YearTo != to) && yearly.Count > 0)
                description = string.Join("\n", yearly.Select(e => $"{e.YearFrom}: {e.Description}"));
            results.Add(new DirectionResult(d, area, goal, chosen, description));
        }
        return results;
    }

    public static DirectionRow ToRow(DirectionResult r) => new(
        r.Area.Code, r.Area.Title, r.Goal?.Code ?? "", r.Goal?.Title ?? "", r.Direction.Code, r.Direction.Title,
        r.Entry is null ? "" : r.Entry.YearFrom == r.Entry.YearTo ? $"{r.Entry.YearFrom}" : $"{r.Entry.YearFrom}–{r.Entry.YearTo}",
        r.Entry?.Realized, r.Entry?.Status, r.Entry?.StatusText, r.Description, r.Entry?.Conclusions,
        string.Join("; ", r.Entry is { Implementers.Length: > 0 } e ? e.Implementers : r.Direction.Implementers));
}
