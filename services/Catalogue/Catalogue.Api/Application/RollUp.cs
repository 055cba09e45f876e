using Catalogue.Api.Domain;

namespace Catalogue.Api.Application;

/// <summary>
/// Derives every node's progress for a period from its children. A direction contributes its status
/// score (see <see cref="MonitoringStatus.Score"/>) with its weight (1 when unset); a parent's
/// progress is the weighted mean over all directions below it that have an entry. Directions without
/// an entry are counted as missing and left out of the mean, so a gap in reporting never reads as failure.
/// </summary>
public static class RollUp
{
    private sealed class Tally
    {
        public double WeightedScore;
        public double Weight;
        public int Directions;
        public int Reported;
        public int Missing;
        public int Unmapped;
        public readonly Dictionary<string, int> Counts = MonitoringStatus.All.ToDictionary(s => s, _ => 0);

        public void Add(Tally child)
        {
            WeightedScore += child.WeightedScore;
            Weight += child.Weight;
            Directions += child.Directions;
            Reported += child.Reported;
            Missing += child.Missing;
            Unmapped += child.Unmapped;
            foreach (var (status, count) in child.Counts) Counts[status] += count;
        }

        public ProgressView View() => new(Weight > 0 ? Math.Round(WeightedScore / Weight, 4) : null,
            Directions, Reported, Missing, Unmapped, Counts);
    }

    /// <param name="nodes">The strategy's nodes in tree order.</param>
    /// <param name="statuses">The current entry's status per direction for the period (null value: entry with unmapped text).</param>
    /// <param name="progress">null: build the tree without roll-up.</param>
    public static IReadOnlyList<NodeView> BuildTree(IReadOnlyList<StrategyNode> nodes, IReadOnlyDictionary<Guid, string?>? statuses)
    {
        var children = nodes.ToLookup(n => n.ParentId);
        return children[null].Select(n => Build(n).View).ToList();

        (NodeView View, Tally Tally) Build(StrategyNode node)
        {
            var tally = new Tally();
            var childViews = new List<NodeView>();
            foreach (var child in children[node.Id])
            {
                var built = Build(child);
                childViews.Add(built.View);
                tally.Add(built.Tally);
            }
            if (node.Kind == NodeKind.Direction && statuses is not null)
            {
                tally.Directions++;
                if (!statuses.TryGetValue(node.Id, out var status)) tally.Missing++;
                else if (status is null) { tally.Reported++; tally.Unmapped++; }
                else
                {
                    var weight = (double)(node.Weight ?? 1m);
                    tally.Reported++;
                    tally.Counts[status]++;
                    tally.WeightedScore += weight * MonitoringStatus.Score(status);
                    tally.Weight += weight;
                }
            }
            return (StrategyViews.Node(node, statuses is null ? null : tally.View(), childViews), tally);
        }
    }
}
