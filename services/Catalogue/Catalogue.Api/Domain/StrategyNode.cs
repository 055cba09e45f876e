namespace Catalogue.Api.Domain;

/// <summary>
/// One node of a strategy tree: an area, domain, strategic or operational goal, or a direction of
/// intervention (the leaf that is monitored). Direction-only fields stay empty on the other kinds.
/// </summary>
public sealed class StrategyNode
{
    public Guid Id { get; set; }
    public Guid StrategyId { get; set; }
    public Guid? ParentId { get; set; }
    public NodeKind Kind { get; set; }
    /// <summary>As the document numbers it (I.1.1, 4.2.1, 7.2.3); unique per kind within the strategy.</summary>
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    public int Order { get; set; }
    public int Depth { get; set; }
    /// <summary>Zero-padded orders from the root ("0001.0003.0002"): sorts the flat list in tree order.</summary>
    public string SortKey { get; set; } = "";
    /// <summary>Every ancestor's id, so "directions under node X" is one array test instead of a recursive query.</summary>
    public Guid[] AncestorIds { get; set; } = [];

    public string[] Implementers { get; set; } = [];
    public bool AreaWide { get; set; }
    public decimal? Weight { get; set; }
    /// <summary>Linked indicators as JSON (see <see cref="IndicatorLink"/>): read whole with the node, never queried inside.</summary>
    public string Indicators { get; set; } = "[]";
    /// <summary>Directions of other strategies this one was forwarded to.</summary>
    public Guid[] ForwardedTo { get; set; } = [];

    /// <summary>Code, title and implementers folded by <see cref="PolishText.Fold"/> for free-text search.</summary>
    public string SearchText { get; set; } = "";
    public int Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public void RefreshSearchText() =>
        SearchText = PolishText.Fold(string.Join(' ', [Code, Title, .. Implementers]));
}

/// <summary>An indicator measuring a direction, for one territorial unit, from a baseline to a target.</summary>
public sealed record IndicatorLink(
    string IndicatorCode, string TerritorialUnit, int? BaselineYear, decimal? BaselineValue, int? TargetYear, decimal? TargetValue);
