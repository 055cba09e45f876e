namespace LabourMarket.Api.Application;

/// <summary>One row of a batch as a transport delivers it (gRPC message, REST JSON, demo data).</summary>
public readonly record struct SubmissionRow(
    long Row, string Indicator, string Unit, string Period, string? Breakdown, double Value, string? Source);

/// <summary>Why a row was rejected: the field, a stable code, and a Polish message for the clerk.</summary>
public sealed record RowRejection(long Row, string Field, string Code, string Message);

public enum SubmissionOutcome
{
    /// <summary>Written now.</summary>
    Accepted,
    /// <summary>The batch id was accepted before: nothing written, the first answer repeated.</summary>
    Replayed,
    /// <summary>At least one bad row: nothing written.</summary>
    Rejected,
    /// <summary>
    /// At least one row for a known unit outside the caller's territory: refused as a whole (403 /
    /// PERMISSION_DENIED, <see cref="SubmissionResult.Refusal"/> names the units), nothing written.
    /// </summary>
    OutsideTerritory,
}

public sealed record SubmissionResult(
    SubmissionOutcome Outcome,
    string BatchId,
    long Received,
    long Accepted,
    long Unchanged,
    long Revised,
    long Rejected,
    IReadOnlyList<RowRejection> Rejections,
    DateTimeOffset? ReceivedAt,
    string? Refusal = null);
