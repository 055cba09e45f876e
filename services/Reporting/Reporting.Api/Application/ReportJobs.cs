using Platform.ServiceDefaults.Validation;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Identity;
using Microsoft.EntityFrameworkCore;
using Reporting.Api.Persistence;

namespace Reporting.Api.Application;

/// <summary>Starting, reading and listing report jobs; the one code path behind REST and gRPC.</summary>
public sealed class ReportJobs(ReportingDbContext db, JobSignal signal, TimeProvider clock, CurrentCaller caller)
{
    private const string What = "tworzyć raportów";

    public async Task<ReportJob> StartAsync(StartReportRequest request, CancellationToken ct)
    {
        // Reading published reports is public; producing one is analysts' work, for strategies owned within their territory.
        caller.DemandRole(What, PlatformRoles.Analyst);
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [message];

        if (string.IsNullOrWhiteSpace(request.Kind)) Error("kind", "Podaj rodzaj raportu: " + string.Join(", ", ReportKinds.All) + ".");
        else if (!ReportKinds.All.Contains(request.Kind)) Error("kind", $"Nieznany rodzaj raportu „{request.Kind}”; dozwolone: {string.Join(", ", ReportKinds.All)}.");
        if (request.StrategyId is null || request.StrategyId == Guid.Empty) Error("strategyId", "Podaj identyfikator strategii.");

        int from = 0, to = 0;
        if (request.Kind == ReportKinds.YearlyMonitoring)
        {
            if (request.Year is null) Error("year", "Raport roczny wymaga roku (year).");
            if (request.From is not null) Error("from", "Raport roczny podaje rok (year), nie okres.");
            if (request.To is not null) Error("to", "Raport roczny podaje rok (year), nie okres.");
            from = to = request.Year ?? 0;
        }
        else if (request.Kind is not null && ReportKinds.All.Contains(request.Kind))
        {
            if (request.From is null) Error("from", "Ewaluacja wymaga początku okresu (from).");
            if (request.To is null) Error("to", "Ewaluacja wymaga końca okresu (to).");
            if (request.Year is not null) Error("year", "Ewaluacja podaje okres (from, to), nie rok.");
            if (request.From > request.To) Error("to", "Koniec okresu nie może poprzedzać początku.");
            (from, to) = (request.From ?? 0, request.To ?? 0);
        }

        var now = clock.GetUtcNow();
        if (request.DataCutOff > now) Error("dataCutOff", "Stan danych nie może być z przyszłości.");

        if (errors.Count == 0)
        {
            var strategy = await db.Strategies.AsNoTracking().SingleOrDefaultAsync(s => s.Id == request.StrategyId, ct);
            if (strategy is null) Error("strategyId", "Moduł raportów nie zna tej strategii (jeszcze nie opublikowana przez katalog?).");
            // Version 0: only the tree has arrived so far, the header (period, owner) is still on its way.
            else if (strategy.Version == 0) Error("strategyId", "Nagłówek strategii (okres, właściciel) jeszcze nie dotarł do modułu raportów; spróbuj za chwilę.");
            else if (strategy.Archived) Error("strategyId", "Strategia jest w archiwum katalogu: nowych raportów się dla niej nie przygotowuje (wcześniejsze pozostają dostępne).");
            else
            {
                caller.DemandWrite(strategy.OwnerUnits, What, PlatformRoles.Analyst);
                var field = request.Kind == ReportKinds.YearlyMonitoring ? "year" : "from";
                if (from < strategy.PeriodFrom || from > strategy.PeriodTo)
                    Error(field, $"Rok {from} jest poza okresem strategii {strategy.PeriodFrom}–{strategy.PeriodTo}.");
                if (request.Kind != ReportKinds.YearlyMonitoring && (to < strategy.PeriodFrom || to > strategy.PeriodTo))
                    Error("to", $"Rok {to} jest poza okresem strategii {strategy.PeriodFrom}–{strategy.PeriodTo}.");
            }
        }
        if (errors.Count > 0) throw new ValidationFailedException(errors);

        var job = new ReportJob
        {
            Id = Guid.NewGuid(),
            Kind = request.Kind!,
            StrategyId = request.StrategyId!.Value,
            YearFrom = from,
            YearTo = to,
            // Fixed now, not when the worker gets to it, so the report states what the caller asked for.
            DataCutOff = request.DataCutOff ?? now,
            State = JobStates.Queued,
            Stage = "w kolejce",
            CreatedAt = now,
            RequestedBy = caller.RecordedBy(null),
        };
        db.Jobs.Add(job);
        await db.SaveChangesAsync(ct);
        signal.Notify();
        return job;
    }

    /// <summary>
    /// Drafts, failed jobs and their reasons are for those who make reports (and the service itself); the public
    /// reads published reports only, so for it a draft does not exist.
    /// </summary>
    public bool SeesDrafts => caller.IsServiceItself || caller.Caller.Roles.Any(r => r is PlatformRoles.Analyst or PlatformRoles.Coordinator or PlatformRoles.Admin);

    /// <summary>
    /// Published reports for everyone; besides them, report makers see the drafts and failed jobs of strategies owned
    /// (in part) within their territory: a gmina's analyst does not read another gmina's working papers.
    /// </summary>
    private IQueryable<ReportJob> Visible()
    {
        var jobs = db.Jobs.AsNoTracking();
        if (caller.IsServiceItself || caller.Caller.IsAdmin) return jobs;
        if (!SeesDrafts || caller.Caller.Territory is not { Length: > 0 } territory) return jobs.Where(j => j.PublishedAt != null);
        return jobs.Where(j => j.PublishedAt != null
            || db.Strategies.Any(s => s.Id == j.StrategyId && s.OwnerUnits.Any(u => u.StartsWith(territory))));
    }

    public async Task<ReportJob?> GetAsync(Guid id, CancellationToken ct)
    {
        var job = await Visible().SingleOrDefaultAsync(j => j.Id == id, ct);
        if (job is null) return null;
        job.Artifacts = await db.Artifacts.AsNoTracking().Where(a => a.JobId == id).OrderBy(a => a.Format)
            .Select(a => new ReportArtifact { Id = a.Id, JobId = a.JobId, Format = a.Format, ContentType = a.ContentType, SizeBytes = a.SizeBytes, Sha256 = a.Sha256, CreatedAt = a.CreatedAt })
            .ToListAsync(ct);
        return job;
    }

    public async Task<(IReadOnlyList<ReportJob> Items, int Total)> ListAsync(Guid? strategyId, int page, int pageSize, CancellationToken ct)
    {
        var q = Visible();
        if (strategyId is { } s) q = q.Where(j => j.StrategyId == s);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(j => j.CreatedAt).ThenBy(j => j.Id).Skip(Paging.Offset(page, pageSize)).Take(pageSize).ToListAsync(ct);
        var ids = items.Select(i => i.Id).ToList();
        // Artifact metadata without the bytes.
        var artifacts = await db.Artifacts.AsNoTracking().Where(a => ids.Contains(a.JobId))
            .Select(a => new ReportArtifact { Id = a.Id, JobId = a.JobId, Format = a.Format, ContentType = a.ContentType, SizeBytes = a.SizeBytes, Sha256 = a.Sha256, CreatedAt = a.CreatedAt })
            .ToListAsync(ct);
        foreach (var i in items) i.Artifacts = artifacts.Where(a => a.JobId == i.Id).OrderBy(a => a.Format).ToList();
        return (items, total);
    }

    /// <summary>A report's file in one format, with the name it is downloaded under (null: no such file yet).</summary>
    public async Task<(ReportArtifact Artifact, string FileName)?> DownloadAsync(Guid id, string format, CancellationToken ct)
    {
        if (!await Visible().AnyAsync(j => j.Id == id, ct)) return null;
        var artifact = await db.Artifacts.AsNoTracking().SingleOrDefaultAsync(a => a.JobId == id && a.Format == format, ct);
        if (artifact is null) return null;
        var job = await db.Jobs.AsNoTracking().Where(j => j.Id == id).Select(j => new { j.Kind, j.StrategyId, j.YearFrom, j.YearTo }).SingleAsync(ct);
        var strategy = await db.Strategies.AsNoTracking().Where(s => s.Id == job.StrategyId).Select(s => new { s.Code, s.OwnerName }).SingleOrDefaultAsync(ct);
        return (artifact, ReportFileName.For(job.Kind, strategy?.OwnerName, strategy?.Code, job.YearFrom, job.YearTo, format));
    }
}

/// <summary>Wakes the worker when a job is queued (it also polls, for jobs queued by another replica).</summary>
public sealed class JobSignal
{
    private readonly SemaphoreSlim semaphore = new(0);
    public void Notify() { if (semaphore.CurrentCount == 0) semaphore.Release(); }
    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => semaphore.WaitAsync(timeout, ct);
}
