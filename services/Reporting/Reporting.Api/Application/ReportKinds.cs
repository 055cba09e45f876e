namespace Reporting.Api.Application;

public static class ReportKinds
{
    public const string YearlyMonitoring = "yearly-monitoring";
    public const string MidTermEvaluation = "mid-term-evaluation";
    public const string FinalEvaluation = "final-evaluation";

    public static readonly IReadOnlyList<string> All = [YearlyMonitoring, MidTermEvaluation, FinalEvaluation];

    public static bool IsEvaluation(string kind) => kind != YearlyMonitoring;

    /// <summary>The kind as the title page and running header name it.</summary>
    public static string Label(string kind) => kind switch
    {
        YearlyMonitoring => "Raport roczny z monitoringu realizacji strategii",
        MidTermEvaluation => "Ewaluacja śródokresowa strategii",
        _ => "Ewaluacja końcowa strategii",
    };
}

/// <summary>What a caller asks for, before validation (both transports map into this).</summary>
public sealed record StartReportRequest(string? Kind, Guid? StrategyId, int? Year, int? From, int? To, DateTimeOffset? DataCutOff);

public sealed class NotFound(string what) : Exception(what);
