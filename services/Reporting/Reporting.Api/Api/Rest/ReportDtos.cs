using Reporting.Api.Application;

namespace Reporting.Api.Api.Rest;

public sealed record StartReportBody(string? Kind, Guid? StrategyId, int? Year, int? From, int? To, DateTimeOffset? DataCutOff);

public sealed record RebuildBody(IReadOnlyList<string>? Sources);

public sealed record ArtifactDto(string Format, string ContentType, long SizeBytes, string Sha256, DateTimeOffset CreatedAt, string Href);

/// <summary>An analyst's foreword and conclusions (one per line) for a draft; an empty text removes it.</summary>
public sealed record EditDraftBody(string? Foreword, string? Conclusions, int? ExpectedVersion);

public sealed record ReportJobDto(
    Guid Id, string Kind, Guid StrategyId, int? Year, int? From, int? To, DateTimeOffset DataCutOff, string State, int Progress,
    string? Stage, string? Error, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    IReadOnlyList<ArtifactDto> Artifacts, bool Published, DateTimeOffset? PublishedAt, int Version, string? Foreword, string? Conclusions,
    string? RequestedBy);

public sealed record ReportEditDto(int Version, string? Foreword, string? Conclusions, string EditedBy, DateTimeOffset EditedAt);

public sealed record ReportPage(IReadOnlyList<ReportJobDto> Items, int Total, int Page, int PageSize);

public static class ReportDtoMapper
{
    /// <param name="forReportMakers">False for the public: no error text, no author of the request.</param>
    public static ReportJobDto ToDto(ReportJob j, bool forReportMakers = true)
    {
        var yearly = j.Kind == ReportKinds.YearlyMonitoring;
        return new ReportJobDto(j.Id, j.Kind, j.StrategyId, yearly ? j.YearFrom : null, yearly ? null : j.YearFrom, yearly ? null : j.YearTo,
            j.DataCutOff, j.State, j.Progress, j.Stage, forReportMakers ? j.Error : null, j.Attempts, j.CreatedAt, j.StartedAt, j.FinishedAt,
            j.Artifacts.Select(a => new ArtifactDto(a.Format, a.ContentType, a.SizeBytes, a.Sha256, a.CreatedAt, $"/api/v1/reports/{j.Id}/content.{a.Format}")).ToList(),
            j.IsPublished, j.PublishedAt, j.EditVersion, j.Foreword, j.Conclusions, forReportMakers ? j.RequestedBy : null);
    }
}
