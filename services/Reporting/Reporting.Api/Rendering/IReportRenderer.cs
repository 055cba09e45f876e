using Reporting.Api.Domain;

namespace Reporting.Api.Rendering;

/// <summary>One output format of the report model.</summary>
public interface IReportRenderer
{
    string Format { get; }
    string ContentType { get; }
    Task<byte[]> RenderAsync(Report report, CancellationToken ct);
}
