namespace Catalogue.Api.Domain;

/// <summary>
/// The levels a strategy tree may use. Strategies differ in shape (an area with one strategic goal,
/// a metropolitan "domain", a goal numbered 4 with directions 4.2.1), so a tree may skip levels, but
/// a child always sits on a deeper level than its parent and only a direction is monitored.
/// </summary>
public enum NodeKind
{
    Area = 0,
    Domain = 1,
    StrategicGoal = 2,
    OperationalGoal = 3,
    Direction = 4,
}

public static class NodeKinds
{
    public static readonly IReadOnlyDictionary<string, NodeKind> ByName = new Dictionary<string, NodeKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["area"] = NodeKind.Area,
        ["domain"] = NodeKind.Domain,
        ["strategic_goal"] = NodeKind.StrategicGoal,
        ["operational_goal"] = NodeKind.OperationalGoal,
        ["direction"] = NodeKind.Direction,
    };

    public static string Name(this NodeKind kind) => kind switch
    {
        NodeKind.Area => "area",
        NodeKind.Domain => "domain",
        NodeKind.StrategicGoal => "strategic_goal",
        NodeKind.OperationalGoal => "operational_goal",
        _ => "direction",
    };

    public static bool TryParse(string? value, out NodeKind kind)
    {
        kind = default;
        return value is not null && ByName.TryGetValue(value.Trim(), out kind);
    }
}
