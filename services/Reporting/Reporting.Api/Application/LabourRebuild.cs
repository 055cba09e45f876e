using Reporting.Api.Clients;
using Reporting.Api.Persistence;
using Reporting.Api.ReadModel;

namespace Reporting.Api.Application;

/// <summary>What the labour rebuild read and how much of it was new.</summary>
public sealed record LabourRebuilt(long Read, long Added);

/// <summary>
/// Reloads every revision of every figure from the labour-market service (ExportObservations), with the
/// time each was received and its batch. Revisions already held stay (ON CONFLICT DO NOTHING), as in the
/// consumer. The read model needs no superseded_at: a report takes, per figure, the highest revision
/// received by its cut-off, which is exactly labour's "received_at ≤ D and not superseded by D", since a
/// revision is superseded at the instant the next one is received.
/// </summary>
public sealed class LabourRebuild(ReportingDbContext db, LabourFigures labour, ILogger<LabourRebuild> logger)
{
    public async Task<LabourRebuilt> RebuildAsync(CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (read, added) = await ObservationBulkLoad.LoadAsync(db, labour.ReadAsync(null, ct), ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Read model rebuilt from labour: {Read} figure revisions read, {Added} new", read, added);
        return new LabourRebuilt(read, added);
    }
}
