namespace Platform.Contracts.Events.Reporting.V1;

/// <summary>
/// A report finished and all its artifacts are stored (a failed job publishes nothing). Kind is
/// yearly-monitoring, mid-term-evaluation or final-evaluation; the artifacts are downloadable at
/// /api/v1/reports/{ReportId}/content.{format}.
/// </summary>
public sealed record ReportGenerated(
    Guid ReportId,
    string Kind,
    Guid StrategyId,
    int YearFrom,
    int YearTo,
    DateTimeOffset DataCutOff,
    ReportArtifactInfo[] Artifacts,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

public sealed record ReportArtifactInfo(string Format, string ContentType, long SizeBytes, string Sha256);
