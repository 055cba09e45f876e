namespace Reporting.Api.Application;

public static class ReportKinds
{
    public const string YearlyMonitoring = "yearly-monitoring";
    public const string MidTermEvaluation = "mid-term-evaluation";
    public const string FinalEvaluation = "final-evaluation";

    public static readonly IReadOnlyList<string> All = [YearlyMonitoring, MidTermEvaluation, FinalEvaluation];

    public static bool IsEvaluation(string kind) => kind != YearlyMonitoring;
}

/// <summary>What a caller asks for, before validation (both transports map into this).</summary>
public sealed record StartReportRequest(string? Kind, Guid? StrategyId, int? Year, int? From, int? To, DateTimeOffset? DataCutOff);

public sealed class NotFound(string what) : Exception(what);
