namespace Reporting.Api.Application;

/// <summary>A request to generate one report, and where it is.</summary>
public sealed class ReportJob
{
    public Guid Id { get; set; }
    public string Kind { get; set; } = "";
    public Guid StrategyId { get; set; }
    public int YearFrom { get; set; }
    public int YearTo { get; set; }
    /// <summary>Only data that happened up to this instant goes into the report; the only time printed in it.</summary>
    public DateTimeOffset DataCutOff { get; set; }
    public string State { get; set; } = JobStates.Queued;
    public int Progress { get; set; }
    public string? Stage { get; set; }
    public string? Error { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public List<ReportArtifact> Artifacts { get; set; } = [];
    /// <summary>Who asked for it (a draft is theirs and their colleagues' until published).</summary>
    public string? RequestedBy { get; set; }
    /// <summary>Set when an analyst publishes the report: from then on the public sees it and nobody changes it.</summary>
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    /// <summary>The version of the analyst's edits (0: none); every edit is kept in report_edits.</summary>
    public int EditVersion { get; set; }
    public string? Foreword { get; set; }
    /// <summary>The analyst's conclusions and recommendations, one per line (null: those derived from the data).</summary>
    public string? Conclusions { get; set; }

    public bool IsPublished => PublishedAt is not null;
}

/// <summary>One version of an analyst's foreword and conclusions for a draft.</summary>
public sealed class ReportEdit
{
    public Guid JobId { get; set; }
    public int Version { get; set; }
    public string? Foreword { get; set; }
    public string? Conclusions { get; set; }
    public string EditedBy { get; set; } = "";
    public DateTimeOffset EditedAt { get; set; }
}

public static class JobStates
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

/// <summary>One rendered file of a report.</summary>
public sealed class ReportArtifact
{
    public Guid Id { get; set; }
    public Guid JobId { get; set; }
    public string Format { get; set; } = "";
    public string ContentType { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public long SizeBytes { get; set; }
    public string Sha256 { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
