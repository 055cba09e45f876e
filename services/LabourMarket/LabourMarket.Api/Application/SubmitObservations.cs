using LabourMarket.Api.Domain;
using LabourMarket.Api.Messaging;
using LabourMarket.Api.Persistence;
using Microsoft.EntityFrameworkCore;
using Platform.Territory.Persistence;
using Platform.Contracts.Events.Labour.V1;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults.Validation;
using Platform.ServiceDefaults.Errors;

namespace LabourMarket.Api.Application;

/// <summary>
/// Takes a batch of figures from any transport: checks every row, streams the good ones into staging,
/// and merges the batch only if no row was bad. Idempotent per batch id.
/// </summary>
public sealed class SubmitObservations(LabourMarketDbContext db, TerritoryRegisterCache register, TimeProvider clock, ILogger<SubmitObservations> logger)
{
    /// <summary>How many bad rows an answer names (the count is always exact).</summary>
    public const int MaxListedRejections = 10_000;

    public async Task<SubmissionResult> SubmitAsync(
        string? batchId, string? source, IAsyncEnumerable<SubmissionRow> rows, CallerContext caller, CancellationToken ct)
    {
        batchId = batchId?.Trim() ?? "";
        source = source?.Trim() ?? "";
        CheckHeader(batchId, source);

        var earlier = await db.Batches.AsNoTracking().FirstOrDefaultAsync(b => b.BatchId == batchId, ct);
        if (earlier is not null) return await ReplayAsync(earlier, rows, ct);

        var started = clock.GetTimestamp();
        var reference = await ReferenceData.LoadAsync(db, register, ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var rejections = new List<RowRejection>();
        var scratch = new List<RowRejection>(4);
        long received = 0, rejectedRows = 0;
        // Known units outside the caller's territory, in the order met (named in the refusal).
        var outside = new List<string>();

        await using var staging = await StagingBatch.BeginAsync(db, ct);
        await foreach (var input in rows.WithCancellation(ct))
        {
            received++;
            var row = input.Row > 0 ? input : input with { Row = received };
            scratch.Clear();
            if (RowRules.Validate(row, reference, caller, today, scratch, out var valid))
            {
                // After the first bad row the batch is lost anyway: keep checking, stop copying.
                if (rejectedRows == 0) await staging.WriteAsync(valid, ct);
                continue;
            }
            rejectedRows++;
            foreach (var rejection in scratch)
            {
                if (rejections.Count < MaxListedRejections) rejections.Add(rejection);
                if (rejection.Code == RowRules.OutsideTerritory && outside.Count <= MaxNamedUnits && row.Unit?.Trim() is { } code && !outside.Contains(code))
                    outside.Add(code);
            }
        }
        // An empty batch is a mistake (a wrong field name, an empty export), never a success with 0 rows.
        if (received == 0) throw ValidationFailedException.Single("rows", "Paczka nie zawiera żadnego wiersza z danymi.");
        if (outside.Count > 0) return Refused(batchId, received, rejectedRows, rejections, Refusal(caller, reference, outside));
        if (rejectedRows > 0) return Rejected(batchId, received, rejectedRows, rejections);

        await staging.CompleteCopyAsync(ct);
        var staged = clock.GetElapsedTime(started);
        var duplicates = await staging.FindDuplicateKeysAsync(MaxListedRejections, ct);
        if (duplicates.Count > 0) return Rejected(batchId, received, duplicates.Count, duplicates);

        var concurrent = await staging.LockAndFindBatchAsync(batchId, ct);
        if (concurrent is not null) return Answer(SubmissionOutcome.Replayed, concurrent);

        var now = clock.GetUtcNow();
        var checkedAt = clock.GetElapsedTime(started);
        var merged = await staging.MergeAsync(batchId, source, now, ct);
        var mergedAt = clock.GetElapsedTime(started);
        var batch = new ObservationBatch
        {
            BatchId = batchId,
            Source = source,
            Territory = caller.Territory,
            Received = received,
            Accepted = merged.Accepted,
            Revised = merged.Revised,
            Unchanged = received - merged.Accepted - merged.Revised,
            ReceivedAt = now,
        };
        db.Batches.Add(batch);
        if (merged.Accepted + merged.Revised > 0)
            db.AddIntegrationEvent(batchId, LabourEvents.Published(batch, merged, now));
        await staging.CommitAsync(ct);
        logger.LogInformation(
            "Batch {BatchId}: {Received} rows ({Accepted} new, {Revised} revised) — streamed and staged {StagedMs:0} ms, checked {CheckedMs:0} ms, merged {MergedMs:0} ms, committed {TotalMs:0} ms",
            batchId, received, batch.Accepted, batch.Revised, staged.TotalMilliseconds, (checkedAt - staged).TotalMilliseconds,
            (mergedAt - checkedAt).TotalMilliseconds, clock.GetElapsedTime(started).TotalMilliseconds);
        return Answer(SubmissionOutcome.Accepted, batch);
    }

    private static void CheckHeader(string batchId, string source)
    {
        var errors = new ValidationErrors();
        if (batchId.Length == 0) errors.Add("batch_id", "Identyfikator paczki jest wymagany.");
        else if (batchId.Length > 100 || !batchId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            errors.Add("batch_id", "Identyfikator paczki: do 100 znaków, litery, cyfry i - _ . :");
        if (source.Length == 0) errors.Add("source", "Źródło danych jest wymagane.");
        else if (source.Length > 300) errors.Add("source", "Źródło danych: najwyżej 300 znaków.");
        else if (source.Contains('\0')) errors.Add("source", TextGuard.Reason);
        errors.ThrowIfAny();
    }

    // The rows of a re-sent batch are read and dropped: the caller's stream must still be consumed.
    private static async Task<SubmissionResult> ReplayAsync(ObservationBatch earlier, IAsyncEnumerable<SubmissionRow> rows, CancellationToken ct)
    {
        long received = 0;
        await foreach (var _ in rows.WithCancellation(ct)) received++;
        if (received != earlier.Received)
        {
            throw ValidationFailedException.Single("batch_id",
                $"Paczka {earlier.BatchId} została już przyjęta z {earlier.Received} wierszami, a teraz ma ich {received}: ten sam identyfikator dla innych danych.");
        }
        return Answer(SubmissionOutcome.Replayed, earlier);
    }

    private static SubmissionResult Answer(SubmissionOutcome outcome, ObservationBatch batch) =>
        new(outcome, batch.BatchId, batch.Received, batch.Accepted, batch.Unchanged, batch.Revised, 0, [], batch.ReceivedAt);

    /// <summary>How many units outside the territory a refusal names (the rows are all listed with their rejections).</summary>
    private const int MaxNamedUnits = 10;

    private static string Refusal(CallerContext caller, ReferenceData reference, List<string> outside)
    {
        var named = outside.Take(MaxNamedUnits).Select(code => reference.Units.Find(code) is { } u ? $"{u.Code} ({u.DisplayName})" : code);
        var more = outside.Count > MaxNamedUnits ? " i inne" : "";
        return $"Dane dla jednostek poza obszarem klucza {caller.TerritoryName(reference.Units)}: {string.Join(", ", named)}{more}. Paczka odrzucona, nic nie zapisano.";
    }

    private static SubmissionResult Refused(string batchId, long received, long rejectedRows, List<RowRejection> rejections, string refusal) =>
        new(SubmissionOutcome.OutsideTerritory, batchId, received, 0, 0, 0, rejectedRows, rejections, null, refusal);

    private static SubmissionResult Rejected(string batchId, long received, long rejectedRows, List<RowRejection> rejections) =>
        new(SubmissionOutcome.Rejected, batchId, received, 0, 0, 0, rejectedRows, rejections, null);
}
