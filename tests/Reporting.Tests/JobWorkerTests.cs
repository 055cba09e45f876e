using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Events.Catalogue.V1;
using Platform.Testing;
using Reporting.Api.Application;
using Reporting.Api.Persistence;

namespace Reporting.Tests;

/// <summary>The background worker: jobs left running by a crash, jobs that fail, the ReportGenerated event.</summary>
public sealed class JobWorkerTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    [Fact]
    public async Task A_job_left_running_by_a_crash_is_resumed_and_one_interrupted_too_often_fails_with_the_reason()
    {
        var strategyId = Guid.NewGuid();
        var client = new ReportClient(fixture);
        await client.PublishAsync(new StrategyPublished(strategyId, "crash", "Strategia testowa", "gmina", ["1203022"], "Gmina Babice",
            2020, 2025, null, null, null, "adopted", null, 1, TestData.Imported));
        await Eventually.AssertAsync(async () =>
        {
            await using var scope = fixture.Host.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().Strategies.AnyAsync(s => s.Id == strategyId);
        }, TimeSpan.FromSeconds(30), "the strategy header");

        var longAgo = DateTimeOffset.UtcNow.AddHours(-1);
        var resumed = Job(strategyId, JobStates.Running, attempts: 1, startedAt: longAgo);
        var exhausted = Job(strategyId, JobStates.Running, attempts: ReportWorker.MaxAttempts, startedAt: longAgo);
        await using (var scope = fixture.Host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
            db.Jobs.AddRange(resumed, exhausted);
            await db.SaveChangesAsync();
        }
        fixture.Host.Services.GetRequiredService<JobSignal>().Notify();

        await client.WaitAsync(resumed.Id.ToString());
        await Eventually.AssertAsync(async () =>
        {
            await using var scope = fixture.Host.CreateScope();
            var job = await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().Jobs.AsNoTracking().SingleAsync(j => j.Id == exhausted.Id);
            return job.State == JobStates.Failed && job.Error!.Contains("przerwano");
        }, TimeSpan.FromSeconds(30), "the job interrupted too often to fail with the reason");

        // The finished job announced itself through the outbox.
        await using (var scope = fixture.Host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
            var events = await db.Database.SqlQuery<string>(
                $"SELECT message_type AS \"Value\" FROM outbox_messages WHERE aggregate_id = {resumed.Id.ToString()}").ToListAsync();
            Assert.Single(events, t => t.Contains("ReportGenerated"));
            Assert.Empty(await db.Database.SqlQuery<string>(
                $"SELECT message_type AS \"Value\" FROM outbox_messages WHERE aggregate_id = {exhausted.Id.ToString()}").ToListAsync());
        }
    }

    [Fact]
    public async Task A_job_that_cannot_run_fails_with_the_reason_and_no_artifacts()
    {
        var job = Job(Guid.NewGuid(), JobStates.Queued, attempts: 0, startedAt: null); // a strategy the read model does not know
        await using (var scope = fixture.Host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
            db.Jobs.Add(job);
            await db.SaveChangesAsync();
        }
        fixture.Host.Services.GetRequiredService<JobSignal>().Notify();
        var response = await PollAsync(async http => await http.GetStringAsync($"/api/v1/reports/{job.Id}"), s => s.Contains("\"state\":\"failed\""));
        Assert.Contains("Strategii nie ma (jeszcze) w danych raportów", response);
        Assert.DoesNotContain("Exception", response); // the exception's type and text stay in the log
        Assert.Contains("\"artifacts\":[]", response);
    }

    private async Task<string> PollAsync(Func<HttpClient, Task<string>> get, Func<string, bool> done)
    {
        // Those who make reports see failed jobs and why (the public does not); a job of a strategy the read model does
        // not know belongs to no territory, so the administrator is the one who sees it.
        using var http = fixture.Host.CreateHttpClient().As(Platform.ServiceDefaults.Identity.PlatformRoles.Admin, "");
        var last = "";
        await Platform.Testing.Eventually.AssertAsync(async () => done(last = await get(http)), TimeSpan.FromSeconds(30), "the job to fail");
        return last;
    }

    private static ReportJob Job(Guid strategyId, string state, int attempts, DateTimeOffset? startedAt) => new()
    {
        Id = Guid.NewGuid(), Kind = ReportKinds.YearlyMonitoring, StrategyId = strategyId, YearFrom = 2022, YearTo = 2022,
        DataCutOff = DateTimeOffset.UtcNow, State = state, Progress = 5, Stage = "test", Attempts = attempts,
        CreatedAt = DateTimeOffset.UtcNow.AddHours(-2), StartedAt = startedAt,
    };
}
