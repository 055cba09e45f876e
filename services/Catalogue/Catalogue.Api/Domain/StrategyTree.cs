namespace Catalogue.Api.Domain;

/// <summary>
/// The derived shape of a tree: depth, tree-order sort key and ancestor ids of every node, recomputed
/// from parent links and orders after each change (a strategy has at most a few thousand nodes).
/// </summary>
public static class StrategyTree
{
    public static List<StrategyNode> Recompute(IReadOnlyCollection<StrategyNode> nodes)
    {
        var children = nodes.ToLookup(n => n.ParentId);
        var ordered = new List<StrategyNode>(nodes.Count);
        Visit(null, 0, "", []);
        return ordered;

        void Visit(Guid? parentId, int depth, string parentKey, Guid[] ancestors)
        {
            foreach (var node in children[parentId].OrderBy(n => n.Order).ThenBy(n => n.Code, StringComparer.Ordinal))
            {
                var key = parentKey.Length == 0 ? $"{node.Order:D5}" : $"{parentKey}.{node.Order:D5}";
                if (node.Depth != depth) node.Depth = depth;
                if (node.SortKey != key) node.SortKey = key;
                if (!node.AncestorIds.SequenceEqual(ancestors)) node.AncestorIds = ancestors;
                ordered.Add(node);
                Visit(node.Id, depth + 1, key, [.. ancestors, node.Id]);
            }
        }
    }
}
