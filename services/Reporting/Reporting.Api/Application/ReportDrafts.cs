using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Identity;
using Reporting.Api.Persistence;

namespace Reporting.Api.Application;

/// <summary>
/// A report's life after it is generated: an analyst adds a foreword and edits the conclusions of the draft (each edit
/// a version; the files are made again with it), then publishes it, which freezes it. The one code path behind REST and gRPC.
/// </summary>
public sealed class ReportDrafts(ReportingDbContext db, JobSignal signal, TimeProvider clock, CurrentCaller caller)
{
    public const int MaxTextLength = 20_000;
    private const string EditWhat = "zmieniać raportów", PublishWhat = "publikować raportów";

    public async Task<ReportJob> EditAsync(Guid id, string? foreword, string? conclusions, int expectedVersion, CancellationToken ct)
    {
        caller.DemandRole(EditWhat, PlatformRoles.Analyst);
        var errors = new Dictionary<string, string[]>();
        if (foreword?.Length > MaxTextLength) errors["foreword"] = [$"Przedmowa może mieć najwyżej {MaxTextLength} znaków."];
        if (conclusions?.Length > MaxTextLength) errors["conclusions"] = [$"Wnioski mogą mieć najwyżej {MaxTextLength} znaków."];
        if (foreword is null && conclusions is null) errors["foreword"] = ["Podaj przedmowę (foreword) albo wnioski (conclusions)."];
        if (errors.Count > 0) throw new ValidationFailedException(errors);

        var job = await Draft(id, expectedVersion, "zmienić", EditWhat, ct);
        job.EditVersion++;
        // Empty text: back to none (the foreword) or to the conclusions derived from the data.
        if (foreword is not null) job.Foreword = string.IsNullOrWhiteSpace(foreword) ? null : foreword.Trim();
        if (conclusions is not null) job.Conclusions = string.IsNullOrWhiteSpace(conclusions) ? null : conclusions.Trim();
        db.Edits.Add(new ReportEdit
        {
            JobId = job.Id, Version = job.EditVersion, Foreword = job.Foreword, Conclusions = job.Conclusions,
            EditedBy = caller.RecordedBy("usługa raportów") ?? "usługa raportów", EditedAt = clock.GetUtcNow(),
        });
        // The files are made again from the same data cut-off, with the edits.
        job.State = JobStates.Queued;
        job.Stage = "w kolejce (zmiany analityka)";
        job.Progress = 0;
        job.Attempts = 0;
        await db.SaveChangesAsync(ct);
        signal.Notify();
        return job;
    }

    public async Task<ReportJob> PublishAsync(Guid id, int expectedVersion, CancellationToken ct)
    {
        caller.DemandRole(PublishWhat, PlatformRoles.Analyst);
        var job = await Draft(id, expectedVersion, "opublikować", PublishWhat, ct);
        if (job.State != JobStates.Succeeded)
            throw new ConcurrencyConflictException(job.State == JobStates.Failed
                ? "Raportu, którego nie udało się przygotować, nie można opublikować; zleć go ponownie."
                : "Raport jest jeszcze przygotowywany; opublikuj go, gdy będzie gotowy.", job.EditVersion);
        job.PublishedAt = clock.GetUtcNow();
        job.PublishedBy = caller.RecordedBy("usługa raportów");
        await db.SaveChangesAsync(ct);
        return job;
    }

    public Task<List<ReportEdit>> HistoryAsync(Guid id, CancellationToken ct) =>
        db.Edits.AsNoTracking().Where(e => e.JobId == id).OrderBy(e => e.Version).ToListAsync(ct);

    private async Task<ReportJob> Draft(Guid id, int expectedVersion, string what, string demand, CancellationToken ct)
    {
        var job = await db.Jobs.SingleOrDefaultAsync(j => j.Id == id, ct) ?? throw new NotFoundException($"Nie ma raportu {id}.");
        // Only for the strategy owner's territory (the same rule as starting the report).
        var owners = await db.Strategies.AsNoTracking().Where(s => s.Id == job.StrategyId).Select(s => s.OwnerUnits).SingleOrDefaultAsync(ct) ?? [];
        caller.DemandWrite(owners, demand, PlatformRoles.Analyst);
        if (job.IsPublished)
            throw new ConcurrencyConflictException($"Raport opublikowano {Platform.Text.PolishFormat.DateTime(job.PublishedAt!.Value)}; opublikowanego raportu nie można {what}.", job.EditVersion);
        if (job.EditVersion != expectedVersion)
            throw new ConcurrencyConflictException($"Raport zmieniono w międzyczasie (wersja {job.EditVersion}, oczekiwano {expectedVersion}); odśwież go.", job.EditVersion);
        return job;
    }
}
