using Microsoft.EntityFrameworkCore;
using Reporting.Api.Persistence;

namespace Reporting.Api.Application;

/// <summary>
/// Takes queued jobs one at a time. A job found "running" at start-up was cut off by a crash or
/// restart: it is run again (attempt counted) up to <see cref="MaxAttempts"/>, then failed with
/// that reason. A running job whose lease expired (a replica died) is taken over the same way.
/// </summary>
public sealed class ReportWorker(IServiceScopeFactory scopes, JobSignal signal, TimeProvider clock, ILogger<ReportWorker> logger) : BackgroundService
{
    public const int MaxAttempts = 3;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await WaitForMigrationsAsync(stoppingToken);
        await RecoverAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            Guid? id = null;
            try
            {
                id = await ClaimAsync(stoppingToken);
                if (id is null)
                {
                    await signal.WaitAsync(TimeSpan.FromSeconds(2), stoppingToken);
                    continue;
                }
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ReportGenerator>().RunAsync(id.Value, stoppingToken);
                logger.LogInformation("Report {ReportId} generated", id);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return; // left "running": resumed at the next start
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Report {ReportId} failed", id);
                if (id is not { } failed) { await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken); continue; }
                // A database blip (restart, failover) is worth another attempt; anything else fails the job with its reason.
                // Either way the outcome must be recorded, so it is retried until the database answers again.
                await RecordOutcomeAsync(failed, IsTransient(ex)
                    ? ct => RequeueAsync(failed, ct)
                    : ct => FailAsync(failed, Reason(ex, failed), ct), stoppingToken);
            }
        }
    }

    private static bool IsTransient(Exception ex) =>
        ex is Npgsql.NpgsqlException { IsTransient: true } || (ex.InnerException is { } inner && IsTransient(inner));

    private async Task RecordOutcomeAsync(Guid id, Func<CancellationToken, Task> record, CancellationToken ct)
    {
        for (var attempt = 1; !ct.IsCancellationRequested; attempt++)
        {
            try { await record(ct); return; }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Still failing after many tries: the job stays "running" and is taken again after a restart or the lease.
                if (attempt == 60) { logger.LogError(ex, "Could not record the outcome of report {ReportId}", id); return; }
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), ct);
            }
        }
    }

    /// <summary>
    /// What anyone reading the job list is told: a reason in Polish, never the exception's text (server paths, the PDF
    /// engine's command line); the details are in the service's log under the report's id.
    /// </summary>
    private static string Reason(Exception ex, Guid id) => ex switch
    {
        NotFound => "Strategii nie ma (jeszcze) w danych raportów: poczekaj chwilę, aż dotrze z katalogu, albo poproś administratora o odbudowę modelu odczytu.",
        _ => $"Nie udało się przygotować raportu (błąd usługi raportów). Administrator znajdzie szczegóły w dzienniku usługi pod identyfikatorem {id}.",
    };

    private async Task<Guid?> ClaimAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        var now = clock.GetUtcNow();
        var staleBefore = now - Lease;
        // SKIP LOCKED: replicas never take the same job.
        var ids = await db.Database.SqlQuery<Guid>($"""
            UPDATE report_jobs SET state = 'running', started_at = {now}, attempts = attempts + 1, stage = 'start'
            WHERE id = (SELECT id FROM report_jobs
                        WHERE state = 'queued' OR (state = 'running' AND started_at < {staleBefore})
                        ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING id AS "Value"
            """).ToListAsync(ct);
        if (ids.Count == 0) return null;
        var job = await db.Jobs.SingleAsync(j => j.Id == ids[0], ct);
        if (job.Attempts > MaxAttempts)
        {
            job.State = JobStates.Failed;
            job.Error = $"Generowanie przerwano {MaxAttempts} razy (restart lub awaria usługi); zadanie porzucono.";
            job.FinishedAt = now;
            await db.SaveChangesAsync(ct);
            return null;
        }
        return job.Id;
    }

    /// <summary>Jobs this (single) worker left running when the process stopped go back to the queue.</summary>
    private async Task RecoverAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        var n = await db.Jobs.Where(j => j.State == JobStates.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobStates.Queued).SetProperty(j => j.Stage, "wznowione po restarcie usługi"), ct);
        if (n > 0) logger.LogWarning("{Count} report job(s) interrupted by a restart were queued again", n);
    }

    private async Task RequeueAsync(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        await db.Jobs.Where(j => j.Id == id && j.State == JobStates.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobStates.Queued).SetProperty(j => j.Stage, "ponowione po chwilowej niedostępności bazy danych"), ct);
        signal.Notify();
    }

    private async Task FailAsync(Guid id, string reason, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        var now = clock.GetUtcNow();
        await db.Jobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.State, JobStates.Failed).SetProperty(j => j.Error, reason).SetProperty(j => j.FinishedAt, now), ct);
    }

    private async Task WaitForMigrationsAsync(CancellationToken ct)
    {
        // The migration hosted service runs first, but be robust to a database that is not ready yet.
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
                await db.Jobs.AnyAsync(ct);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }
}
