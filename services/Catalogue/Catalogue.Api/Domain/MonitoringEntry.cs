namespace Catalogue.Api.Domain;

/// <summary>
/// How a direction was realized in one year (YearFrom = YearTo) or over a whole period (an
/// evaluation). Rows are never updated: a correction is a new row with the next version of the same
/// (direction, period), so the history of every entry stays readable.
/// </summary>
public sealed class MonitoringEntry
{
    public Guid Id { get; set; }
    public Guid DirectionId { get; set; }
    public Guid StrategyId { get; set; }
    public int YearFrom { get; set; }
    public int YearTo { get; set; }
    public int Version { get; set; }
    public bool? Realized { get; set; }
    /// <summary>One of <see cref="MonitoringStatus.All"/>; null only for imported text no rule could map.</summary>
    public string? Status { get; set; }
    /// <summary>The status as the document wrote it, typos included.</summary>
    public string? StatusText { get; set; }
    public string? Description { get; set; }
    public string? Conclusions { get; set; }
    public string[] Implementers { get; set; } = [];
    public string[] EvidenceLinks { get; set; } = [];
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
    /// <summary>
    /// This version withdraws the period's entry (recorded by mistake): the period has no entry again until a
    /// later version records one. It carries no status; the earlier versions stay in the history.
    /// </summary>
    public bool Withdrawn { get; set; }
}
