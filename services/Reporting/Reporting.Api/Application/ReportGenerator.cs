using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events.Reporting.V1;
using Platform.Messaging.Outbox;
using Platform.Territory.Persistence;
using Reporting.Api.Persistence;
using Reporting.Api.Rendering;

namespace Reporting.Api.Application;

/// <summary>
/// Runs one job: snapshot → model → every format. The artifacts, the success state and the
/// ReportGenerated event are saved together at the end; a format that fails is named in the job (the others are
/// delivered), a job with no format at all fails with the reason.
/// </summary>
public sealed class ReportGenerator(ReportingDbContext db, IEnumerable<IReportRenderer> renderers, TerritoryRegisterCache register, TimeProvider clock, ILogger<ReportGenerator> logger)
{
    public async Task RunAsync(Guid jobId, CancellationToken ct)
    {
        var job = await db.Jobs.SingleAsync(j => j.Id == jobId, ct);
        await Progress(job, 5, "wczytywanie danych", ct);
        var data = await SnapshotLoader.LoadAsync(db, await register.GetAsync(ct), job.StrategyId, job.DataCutOff, ct);
        await Progress(job, 20, "składanie raportu", ct);
        var report = ReportAssembler.Assemble(job.Kind, data, job.YearFrom, job.YearTo, job.DataCutOff, new AnalystEdits(job.Foreword, job.Conclusions));

        var list = renderers.ToList();
        var artifacts = new List<ReportArtifact>();
        var failed = new List<string>();
        for (var i = 0; i < list.Count; i++)
        {
            var r = list[i];
            await Progress(job, 25 + 70 * i / list.Count, $"format {r.Format}", ct);
            byte[] bytes;
            // One format that fails (the PDF engine missing) does not take the others down: the job is done with those
            // that came out, and names the one that did not (for those who make reports; the details go to the log).
            try
            {
                bytes = await r.RenderAsync(report, ct);
                if (bytes.Length == 0) throw new InvalidOperationException($"Format {r.Format} came out empty.");
            }
            catch (Exception ex) when (ex is not OperationCanceledException && !ct.IsCancellationRequested)
            {
                logger.LogError(ex, "Report {ReportId}: format {Format} failed", job.Id, r.Format);
                failed.Add(r.Format.ToUpperInvariant());
                continue;
            }
            artifacts.Add(new ReportArtifact
            {
                Id = Guid.NewGuid(), JobId = job.Id, Format = r.Format, ContentType = r.ContentType, Content = bytes,
                SizeBytes = bytes.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)), CreatedAt = clock.GetUtcNow(),
            });
        }

        // A draft made again after an analyst's edit replaces its files, in the same save as the new ones (stubs: the
        // old bytes are not loaded just to be deleted).
        // With their format, so EF orders each delete before the insert of the same (job, format).
        foreach (var old in await db.Artifacts.Where(a => a.JobId == job.Id).Select(a => new { a.Id, a.Format }).ToListAsync(ct))
            db.Artifacts.Remove(new ReportArtifact { Id = old.Id, JobId = job.Id, Format = old.Format });
        db.Artifacts.AddRange(artifacts);
        if (artifacts.Count == 0) throw new InvalidOperationException("No format of the report came out.");
        job.State = JobStates.Succeeded;
        job.Progress = 100;
        job.Stage = "gotowy";
        job.Error = failed.Count == 0 ? null
            : $"Nie udało się przygotować formatu {string.Join(", ", failed)}; pozostałe formaty są gotowe. Administrator znajdzie przyczynę w dzienniku usługi raportów pod identyfikatorem {job.Id}.";
        job.FinishedAt = clock.GetUtcNow();
        db.AddIntegrationEvent(job.Id.ToString(), new ReportGenerated(job.Id, job.Kind, job.StrategyId, job.YearFrom, job.YearTo, job.DataCutOff,
            artifacts.Select(a => new ReportArtifactInfo(a.Format, a.ContentType, a.SizeBytes, a.Sha256)).ToArray(), job.FinishedAt.Value));
        await db.SaveChangesAsync(ct);
    }

    private async Task Progress(ReportJob job, int progress, string stage, CancellationToken ct)
    {
        job.Progress = progress;
        job.Stage = stage;
        await db.SaveChangesAsync(ct);
    }
}
