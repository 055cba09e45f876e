using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using EndToEnd.Tests.Harness;
using Xunit.Abstractions;

namespace EndToEnd.Tests.Load;

/// <summary>
/// A busy morning: 50 planners search zones through the gateway while the labour office's feed comes in
/// and an analyst generates a final evaluation. Every request succeeds; throughput and p99 are printed.
/// </summary>
[Collection(PlatformCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class MixedLoadTests(PlatformFixture platform, ITestOutputHelper output) : IDisposable
{
    private const int Planners = 50;
    private const int FeedRows = 50_000;
    private static readonly string[] Gminy = ["1203013", "1203022", "1203033", "1203043", "1203053"];
    private static readonly string[] Utilities = ["water", "gas", "sewage", "electricity"];
    private readonly string _folder = Directory.CreateTempSubdirectory("e2e-load-").FullName;

    [Fact]
    public async Task Fifty_planners_a_feed_and_a_report_at_once_all_succeed()
    {
        await platform.Control.WaitHealthyAsync(TimeSpan.FromMinutes(2));
        var run = Guid.NewGuid().ToString("N")[..8];
        var file = LabourExport.Write(Path.Combine(_folder, $"obciazenie-{run}.csv"), FeedRows, seed: run.GetHashCode(), offset: 200_000 - FeedRows);
        using var analyst = platform.Http(platform.Credential("ANALYST_TOKEN"));
        var strategy = await Reports.DemoStrategyIdAsync(analyst);

        // Every planner's account and token first (one CLI run), so the clock measures traffic, not sign-ins.
        platform.PersonTokens(Enumerable.Range(0, Planners).Select(n => ("planner", Gminy[n % Gminy.Length], $"e2e-planista-{n}")).ToList());
        using var stop = new CancellationTokenSource();
        var latencies = new ConcurrentBag<double>();
        var failures = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        var planners = Enumerable.Range(0, Planners).Select(i => Task.Run(() => PlannerAsync(i, latencies, failures, stop.Token))).ToList();

        await using var feeder = FeederProcess.Start(platform, file, $"E2E obciążenie {run}", retries: 3);
        var reportClock = Stopwatch.StartNew();
        var reportId = await Reports.StartFinalEvaluationAsync(analyst, strategy);
        var reportTask = Reports.WaitFinishedAsync(analyst, reportId, TimeSpan.FromMinutes(5)).ContinueWith(t => { reportClock.Stop(); return t; }).Unwrap();
        var feedClock = Stopwatch.StartNew();
        var feedExit = await feeder.WaitForExitAsync(TimeSpan.FromMinutes(5));
        feedClock.Stop();
        var report = await reportTask;
        // At least 15 s of planner traffic, even if the feed and the report were quicker.
        var minimum = TimeSpan.FromSeconds(15) - clock.Elapsed;
        if (minimum > TimeSpan.Zero) await Task.Delay(minimum);
        await stop.CancelAsync();
        await Task.WhenAll(planners);
        clock.Stop();

        var sorted = latencies.Order().ToList();
        Results.Record(platform, output, string.Create(CultureInfo.InvariantCulture,
            $"load: {Planners} planners, {sorted.Count} zone searches in {clock.Elapsed.TotalSeconds:0.0} s = {sorted.Count / clock.Elapsed.TotalSeconds:0} req/s; " +
            $"median {Results.Percentile(sorted, 0.5):0.0} ms, p99 {Results.Percentile(sorted, 0.99):0.0} ms, errors {failures.Count}"));
        Results.Record(platform, output, string.Create(CultureInfo.InvariantCulture,
            $"load: feed of {FeedRows} rows in {feedClock.Elapsed.TotalSeconds:0.0} s = {FeedRows / feedClock.Elapsed.TotalSeconds:0} rows/s (exit {feedExit}); " +
            $"final evaluation {report.GetProperty("state").GetString()} in {reportClock.Elapsed.TotalSeconds:0.0} s"));

        Assert.True(failures.IsEmpty, $"{failures.Count} planner requests failed, e.g.:\n{string.Join('\n', failures.Take(5))}");
        Assert.True(sorted.Count >= Planners, "every planner got answers");
        Assert.True(feedExit == 0, feeder.Output);
        Assert.Contains("PRZYJĘTO", feeder.Output);
        Assert.Equal("succeeded", report.GetProperty("state").GetString());
    }

    private async Task PlannerAsync(int n, ConcurrentBag<double> latencies, ConcurrentQueue<string> failures, CancellationToken stop)
    {
        var gmina = Gminy[n % Gminy.Length];
        using var http = platform.Http(platform.PersonToken("planner", gmina, $"e2e-planista-{n}"), TimeSpan.FromSeconds(30));
        var random = new Random(n); // each planner asks its own, repeatable sequence of questions
        while (!stop.IsCancellationRequested)
        {
            var query = random.Next(4) switch
            {
                0 => $"api/v1/zones?gmina={gmina}",
                1 => $"api/v1/zones?minAvailableHa={random.Next(0, 20)}&utilities={Utilities[random.Next(Utilities.Length)]}&sort=-area",
                2 => $"api/v1/zones?maxMotorwayKm={random.Next(1, 30)}&page=1&pageSize=20",
                _ => "api/v1/zones/summary",
            };
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.GetAsync(query, stop);
                await response.Content.ReadAsByteArrayAsync(stop);
                if (!response.IsSuccessStatusCode) failures.Enqueue($"{query} → {(int)response.StatusCode}");
                else latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
            catch (Exception ex) { failures.Enqueue($"{query} → {ex.GetType().Name}: {ex.Message}"); }
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
