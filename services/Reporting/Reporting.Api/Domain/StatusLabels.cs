namespace Reporting.Api.Domain;

/// <summary>The catalogue's status vocabulary and its Polish labels in reports.</summary>
public static class StatusLabels
{
    public const string Completed = "completed";
    public const string Continuous = "continuous";
    public const string Partial = "partial";
    public const string InProgress = "in_progress";
    public const string NotStarted = "not_started";
    public const string NotRealized = "not_realized";
    public const string Abandoned = "abandoned";

    /// <summary>In the order the summary lists them.</summary>
    public static readonly IReadOnlyList<string> Ordered = [Continuous, Completed, Partial, InProgress, NotStarted, NotRealized, Abandoned];

    public static string Label(string? status) => status switch
    {
        Completed => "zrealizowany",
        Continuous => "realizacja ciągła",
        Partial => "realizacja częściowa",
        InProgress => "w trakcie realizacji",
        NotStarted => "nierozpoczęty",
        NotRealized => "brak realizacji",
        Abandoned => "zaniechany",
        null => "nieokreślony (tekst nieprzypisany)",
        _ => status,
    };

    public static bool IsPartly(string? s) => s is Partial or InProgress;
    public static bool IsNotRealized(string? s) => s is NotRealized or NotStarted or Abandoned;
    public static bool IsDone(string? s) => s is Completed or Continuous;

    public static string YesNo(bool? realized) => realized switch { true => "TAK", false => "NIE", null => "—" };
}
