using Reporting.Api.ReadModel;

namespace Reporting.Api.Application;

/// <summary>
/// The tree of a strategy indexed for reporting, whatever its shape: an area is a top-level node,
/// a direction's operational goal is its nearest operational-goal ancestor (or its parent when the
/// strategy has none), and the strategic goal of an area is its strategic-goal child.
/// </summary>
public sealed class StrategyIndex
{
    private readonly Dictionary<Guid, RmNode> byId;

    public IReadOnlyList<RmNode> Areas { get; }
    public IReadOnlyList<RmNode> StrategicGoals { get; }
    public IReadOnlyList<RmNode> OperationalGoals { get; }
    /// <summary>Directions in tree order (area, then goal, then the direction's own order and code).</summary>
    public IReadOnlyList<RmNode> Directions { get; }

    public StrategyIndex(IReadOnlyList<RmNode> nodes)
    {
        byId = nodes.ToDictionary(n => n.Id);
        Areas = nodes.Where(n => n.ParentId is null || !byId.ContainsKey(n.ParentId.Value)).OrderBy(n => n.SortOrder).ThenBy(n => n.Code, CodeComparer.Instance).ToList();
        StrategicGoals = nodes.Where(n => n.Kind == "strategic_goal").ToList();
        OperationalGoals = nodes.Where(n => n.Kind == "operational_goal").ToList();
        var areaOrder = Areas.Select((a, i) => (a.Id, i)).ToDictionary(x => x.Id, x => x.i);
        Directions = nodes.Where(n => n.Kind == "direction")
            .OrderBy(d => areaOrder.GetValueOrDefault(AreaOf(d).Id))
            .ThenBy(d => d.Code, CodeComparer.Instance)
            .ToList();
    }

    public RmNode AreaOf(RmNode node)
    {
        var n = node;
        while (n.ParentId is { } p && byId.TryGetValue(p, out var parent)) n = parent;
        return n;
    }

    public RmNode? GoalOf(RmNode direction)
    {
        var n = direction;
        while (n.ParentId is { } p && byId.TryGetValue(p, out var parent))
        {
            if (parent.Kind == "operational_goal") return parent;
            n = parent;
        }
        return direction.ParentId is { } pid && byId.TryGetValue(pid, out var direct) && direct.ParentId is not null ? direct : null;
    }

    public RmNode? StrategicGoalOf(RmNode area) => StrategicGoals.FirstOrDefault(g => g.ParentId == area.Id);
}

/// <summary>Orders codes like I.4.2 &lt; I.4.13 and 4.2.1 &lt; 4.10.1 (numeric parts compared as numbers, roman as text order of appearance).</summary>
public sealed class CodeComparer : IComparer<string>
{
    public static readonly CodeComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        var a = (x ?? "").Split('.');
        var b = (y ?? "").Split('.');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var c = int.TryParse(a[i], out var ia) && int.TryParse(b[i], out var ib)
                ? ia.CompareTo(ib)
                : Roman(a[i]).CompareTo(Roman(b[i])) is var r && r != 0 ? r : string.CompareOrdinal(a[i], b[i]);
            if (c != 0) return c;
        }
        return a.Length.CompareTo(b.Length);
    }

    private static int Roman(string s)
    {
        int total = 0, prev = 0;
        foreach (var ch in s.ToUpperInvariant().Reverse())
        {
            var v = ch switch { 'I' => 1, 'V' => 5, 'X' => 10, 'L' => 50, 'C' => 100, _ => 1000 };
            total += v < prev ? -v : v;
            prev = Math.Max(prev, v);
        }
        return total;
    }
}
