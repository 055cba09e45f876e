namespace Catalogue.Api.Domain;

/// <summary>
/// The fixed vocabulary of how a direction was realized. The documents write it as free text
/// ("REALIZACJA CIĄGŁA", "CZĘŚCIOWO" …); the importer maps that text here and keeps the original.
/// </summary>
public static class MonitoringStatus
{
    public const string Completed = "completed";
    public const string Continuous = "continuous";
    public const string Partial = "partial";
    public const string InProgress = "in_progress";
    public const string NotStarted = "not_started";
    public const string NotRealized = "not_realized";
    public const string Abandoned = "abandoned";

    public static readonly IReadOnlyList<string> All = [Completed, Continuous, Partial, InProgress, NotStarted, NotRealized, Abandoned];

    public static bool IsKnown(string? status) => status is not null && All.Contains(status);

    /// <summary>
    /// How much of a direction a status counts as realized in the progress roll-up. Continuous work is
    /// a direction realized as the strategy meant it (most directions are standing tasks), so it counts
    /// in full like a completed one; partial and in-progress count half; the rest nothing.
    /// </summary>
    public static double Score(string status) => status switch
    {
        Completed or Continuous => 1.0,
        Partial or InProgress => 0.5,
        _ => 0.0,
    };
}
