using Platform.ServiceDefaults.Identity;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Benchmarks.Harness;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Platform.ServiceDefaults.Hosting;
using Platform.Testing;
using Reporting.Api.Application;
using Reporting.Api.Extensions;
using Reporting.Api.Persistence;
using Reporting.Api.Rendering;

namespace Benchmarks.Reporting;

/// <summary>
/// Final evaluation of a 92-direction strategy with 9 years of yearly entries and the labour figures:
/// median time per format (model assembly, HTML, CSV, XLSX, DOCX, PDF through headless Chromium, and one
/// whole job through REST), every format of it against the 5 s goal, and a strategy of 1,000 directions × 10 years in
/// every format against 60 s and 500 MB (issue 17). Then a batch of 300 such strategies (snapshot + model + HTML + CSV + DOCX)
/// against reading the same data out of PostgreSQL alone: the ratio is what assembling and rendering cost.
/// </summary>
public sealed class ReportingBenchmark : IBenchmark
{
    public string Name => "reporting";

    private const int Directions = 92, FirstYear = 2015, LastYear = 2023;

    /// <summary>A strategy's size: areas × goals per area × directions per goal (trimmed to <see cref="Directions"/>), years of entries.</summary>
    private sealed record Shape(int Areas, int GoalsPerArea, int DirectionsPerGoal, int Directions, int FirstYear, int LastYear);

    private static readonly Shape Demo = new(4, 3, 8, Directions, FirstYear, LastYear); // 4 × 3 × 8 = 96 → 92, as the demo strategy

    // Goals of issue 17: the demo evaluation in every format under 5 s; 1,000 directions × 10 years under 60 s and 500 MB.
    private static readonly TimeSpan DemoGoal = TimeSpan.FromSeconds(5), LargeGoal = TimeSpan.FromSeconds(60);
    private const long LargeMemoryGoal = 500L * 1024 * 1024;

    public async Task RunAsync(BenchmarkContext context)
    {
        var strategies = context.Size(300, 3);
        var iterations = context.Size(20, 2);
        var pdfIterations = context.Size(5, 1);

        await using var database = await TestDatabase.CreateAsync("bench_reporting");
        await using var vhost = await TestVirtualHost.CreateAsync("bench_reporting");
        await using var host = await ServiceTestHost.StartAsync(
            [new("ConnectionStrings:Database", database.ConnectionString), .. TestIdentity.Settings, .. vhost.Settings()],
            b => { b.AddServiceDefaults(); b.AddApplicationServices(); },
            a => { a.MapDefaultEndpoints(); a.MapApplicationEndpoints(); });

        var ids = Enumerable.Range(0, strategies).Select(i => new Guid($"00000000-0000-4000-8000-{i:D12}")).ToList();
        var seed = Stopwatch.StartNew();
        await SeedAsync(database.ConnectionString, ids, Demo);
        context.Report($"seeded {strategies} strategies × {Directions} directions × {LastYear - FirstYear + 1} years = {strategies * Directions * (LastYear - FirstYear + 1)} entries in {seed.Elapsed.TotalSeconds:0.0} s");

        var cutOff = DateTimeOffset.UtcNow;
        var renderers = host.Services.GetServices<IReportRenderer>().ToDictionary(r => r.Format);
        ReportSnapshot snapshot;
        await using (var scope = host.CreateScope())
            snapshot = await SnapshotLoader.LoadAsync(scope.ServiceProvider.GetRequiredService<ReportingDbContext>(), ids[0], cutOff, CancellationToken.None);

        var load = await LatencySamples.MeasureAsync(iterations, async () =>
        {
            await using var scope = host.CreateScope();
            await SnapshotLoader.LoadAsync(scope.ServiceProvider.GetRequiredService<ReportingDbContext>(), ids[0], cutOff, CancellationToken.None);
        }, warmup: 2);
        context.Report($"one strategy: read model snapshot        median {load.Median,8:0.00} ms");
        var model = ReportAssembler.Assemble(ReportKinds.FinalEvaluation, snapshot, FirstYear, LastYear, cutOff);
        var assemble = await LatencySamples.MeasureAsync(iterations, () =>
        {
            ReportAssembler.Assemble(ReportKinds.FinalEvaluation, snapshot, FirstYear, LastYear, cutOff);
            return Task.CompletedTask;
        }, warmup: 2);
        context.Report($"one strategy: report model               median {assemble.Median,8:0.00} ms");
        foreach (var format in new[] { "html", "csv", "xlsx", "docx", "pdf" })
        {
            var size = (await renderers[format].RenderAsync(model, CancellationToken.None)).Length;
            var samples = await LatencySamples.MeasureAsync(format == "pdf" ? pdfIterations : iterations,
                () => renderers[format].RenderAsync(model, CancellationToken.None), warmup: format == "pdf" ? 0 : 2);
            context.Report($"one strategy: render {format,-5}                median {samples.Median,8:0.00} ms  ({size / 1024.0:0} KiB)");
        }

        var demoAll = await AllFormatsAsync(renderers, model);
        context.Report($"one strategy: model + every format once     {demoAll.Total.TotalSeconds,6:0.00} s ({demoAll.PerFormat}); " +
            $"goal < {DemoGoal.TotalSeconds:0} s: {demoAll.Total.TotalSeconds:0.00} vs baseline {DemoGoal.TotalSeconds:0.00} → ratio {demoAll.Total / DemoGoal:0.00}× (≤ 1 meets it)");

        // A large strategy: 1,000 directions × 10 years (smoke: 60 × 10), every format once, the process's peak memory.
        var largeId = Guid.Parse("00000000-0000-4000-9000-000000000001");
        var large = context.Size(1, 0) == 1 ? new Shape(5, 5, 40, 1000, 2015, 2024) : new Shape(3, 2, 10, 60, 2015, 2024);
        await SeedAsync(database.ConnectionString, [largeId], large, withFigures: false);
        ReportSnapshot largeData;
        var read = Stopwatch.StartNew();
        await using (var scope = host.CreateScope())
            largeData = await SnapshotLoader.LoadAsync(scope.ServiceProvider.GetRequiredService<ReportingDbContext>(), largeId, cutOff, CancellationToken.None);
        read.Stop();
        GC.Collect();
        using var sampler = new PeakMemory();
        var largeModel = ReportAssembler.Assemble(ReportKinds.FinalEvaluation, largeData, large.FirstYear, large.LastYear, cutOff);
        var largeAll = await AllFormatsAsync(renderers, largeModel);
        var peak = sampler.Stop();
        context.Report($"{large.Directions} directions × {large.LastYear - large.FirstYear + 1} years: read {read.Elapsed.TotalSeconds:0.00} s, model + every format {largeAll.Total.TotalSeconds:0.00} s " +
            $"({largeAll.PerFormat}); peak working set {peak / 1048576.0:0} MiB (+{sampler.Growth / 1048576.0:0} MiB); the shared Chromium apart: peak {sampler.ChromiumPeak / 1048576.0:0} MiB PSS");
        context.Report($"large strategy, every format (s): {largeAll.Total.TotalSeconds:0.00} vs baseline goal {LargeGoal.TotalSeconds:0.00} → ratio {largeAll.Total / LargeGoal:0.00}× (≤ 1 meets it); " +
            $"peak memory {peak / 1048576.0:0} MiB vs goal {LargeMemoryGoal / 1048576.0:0} MiB → ratio {(double)peak / LargeMemoryGoal:0.00}×");

        // One whole job through REST: queue, worker, all five formats, artifacts stored, outbox event.
        using var http = host.CreateHttpClient().As(PlatformRoles.Analyst, "1203");
        var job = await LatencySamples.MeasureAsync(context.Size(3, 1), async () =>
        {
            using var response = await http.PostAsync("/api/v1/reports", JsonContent.Create(new { kind = "final-evaluation", strategyId = ids[0], from = FirstYear, to = LastYear }));
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            while (true)
            {
                var state = (await http.GetFromJsonAsync<JsonElement>($"/api/v1/reports/{id}")).GetProperty("state").GetString();
                if (state == "succeeded") break;
                if (state == "failed") throw new InvalidOperationException("job failed");
                await Task.Delay(20);
            }
        });
        context.Report($"one strategy: whole job via REST (5 formats) median {job.Median,8:0.00} ms");

        // Batch: read alone vs read + model + html + csv + docx, strategy after strategy.
        var readOnly = Stopwatch.StartNew();
        foreach (var id in ids)
        {
            await using var scope = host.CreateScope();
            await SnapshotLoader.LoadAsync(scope.ServiceProvider.GetRequiredService<ReportingDbContext>(), id, cutOff, CancellationToken.None);
        }
        readOnly.Stop();
        var full = Stopwatch.StartNew();
        foreach (var id in ids)
        {
            await using var scope = host.CreateScope();
            var data = await SnapshotLoader.LoadAsync(scope.ServiceProvider.GetRequiredService<ReportingDbContext>(), id, cutOff, CancellationToken.None);
            var m = ReportAssembler.Assemble(ReportKinds.FinalEvaluation, data, FirstYear, LastYear, cutOff);
            foreach (var f in new[] { "html", "csv", "docx" }) await renderers[f].RenderAsync(m, CancellationToken.None);
        }
        full.Stop();
        context.Report($"batch of {strategies}: read from PostgreSQL alone {readOnly.Elapsed.TotalSeconds,7:0.00} s; " +
            $"read + model + html/csv/docx {full.Elapsed.TotalSeconds,7:0.00} s; ratio {full.Elapsed / readOnly.Elapsed:0.00}× " +
            $"({full.Elapsed.TotalMilliseconds / strategies:0.0} ms per report; PDF excluded from the batch, see its median above)");
    }

    /// <param name="withFigures">The labour figures of the powiat, once per database (they are shared by every strategy).</param>
    private static async Task SeedAsync(string connectionString, IReadOnlyList<Guid> ids, Shape shape, bool withFigures = true)
    {
        var (Areas, GoalsPerArea, DirectionsPerGoal, Directions, FirstYear, LastYear) = (shape.Areas, shape.GoalsPerArea, shape.DirectionsPerGoal, shape.Directions, shape.FirstYear, shape.LastYear);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var imported = new DateTimeOffset(2024, 1, 31, 12, 0, 0, TimeSpan.Zero);
        var statuses = new[] { "continuous", "continuous", "continuous", "continuous", "completed", "partial", "in_progress", "not_realized" };
        var nodes = new List<(Guid Strategy, Guid Id, Guid? Parent, string Kind, string Code, string Title, int Order, bool AreaWide)>();
        var directions = new List<(Guid Strategy, Guid Id, string Code)>();
        foreach (var s in ids)
        {
            var order = 0;
            var count = 0;
            for (var a = 1; a <= Areas; a++)
            {
                var area = Guid.NewGuid();
                nodes.Add((s, area, null, "area", Roman(a), $"Obszar {Roman(a)} – gospodarka, środowisko i usługi", ++order, false));
                nodes.Add((s, Guid.NewGuid(), area, "strategic_goal", Roman(a), $"Cel strategiczny {Roman(a)}: wzrost jakości życia mieszkańców", ++order, false));
                for (var g = 1; g <= GoalsPerArea; g++)
                {
                    var goal = Guid.NewGuid();
                    nodes.Add((s, goal, area, "operational_goal", $"{Roman(a)}.{g}", $"Cel operacyjny {Roman(a)}.{g} – rozwój", ++order, false));
                    for (var d = 1; d <= DirectionsPerGoal && count < Directions; d++, count++)
                    {
                        var id = Guid.NewGuid();
                        var code = $"{Roman(a)}.{g}.{d}";
                        nodes.Add((s, id, goal, "direction", code, $"Kierunek {code}: przebudowa dróg, ścieżki rowerowe, żłobki i źródła ciepła", ++order, d == 1));
                        directions.Add((s, id, code));
                    }
                }
            }
        }
        await using (var w = await connection.BeginBinaryImportAsync(
            "COPY rm_nodes (id, strategy_id, parent_id, kind, code, title, sort_order, implementers, area_wide, indicators_json) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var n in nodes)
            {
                await w.StartRowAsync();
                await w.WriteAsync(n.Id); await w.WriteAsync(n.Strategy);
                if (n.Parent is { } p) await w.WriteAsync(p); else await w.WriteNullAsync();
                await w.WriteAsync(n.Kind); await w.WriteAsync(n.Code); await w.WriteAsync(n.Title); await w.WriteAsync(n.Order);
                await w.WriteAsync(new[] { "Starostwo Powiatowe", "gminy powiatu" }); await w.WriteAsync(n.AreaWide); await w.WriteAsync("[]");
            }
            await w.CompleteAsync();
        }
        var random = new Random(7);
        await using (var w = await connection.BeginBinaryImportAsync(
            "COPY rm_entries (entry_id, version, strategy_id, direction_id, direction_code, year_from, year_to, realized, status, status_text, description, conclusions, implementers, recorded_at, occurred_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var d in directions)
                for (var y = FirstYear; y <= LastYear; y++)
                {
                    var status = statuses[random.Next(statuses.Length)];
                    await w.StartRowAsync();
                    await w.WriteAsync(Guid.NewGuid()); await w.WriteAsync(1); await w.WriteAsync(d.Strategy); await w.WriteAsync(d.Id); await w.WriteAsync(d.Code);
                    await w.WriteAsync(y); await w.WriteAsync(y); await w.WriteAsync(status != "not_realized"); await w.WriteAsync(status);
                    await w.WriteAsync(status.ToUpperInvariant());
                    await w.WriteAsync($"W {y} r. zrealizowano zadania kierunku {d.Code}: przebudowa odcinka drogi, modernizacja oświetlenia, szkolenia dla przedsiębiorców.");
                    await w.WriteAsync($"Wnioski {d.Code}: kontynuować w kolejnym okresie programowania.");
                    await w.WriteAsync(new[] { "Gmina Chrzanów", "Gmina Trzebinia" });
                    await w.WriteAsync(imported, NpgsqlDbType.TimestampTz); await w.WriteAsync(imported, NpgsqlDbType.TimestampTz);
                }
            await w.CompleteAsync();
        }
        await using (var w = await connection.BeginBinaryImportAsync(
            "COPY rm_strategies (id, code, name, owner_kind, owner_units, owner_name, period_from, period_to, state, evaluation_summary_json, version, tree_version, occurred_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var s in ids)
            {
                await w.StartRowAsync();
                await w.WriteAsync(s); await w.WriteAsync($"bench-{s:N}"); await w.WriteAsync("Strategia rozwoju – benchmark"); await w.WriteAsync("powiat");
                await w.WriteAsync(new[] { "1203" }); await w.WriteAsync("Powiat chrzanowski"); await w.WriteAsync(FirstYear); await w.WriteAsync(LastYear);
                await w.WriteAsync("adopted"); await w.WriteAsync("""{"not_realized":["I.1.1","II.2.3"],"directions_total":92}"""); await w.WriteAsync(1); await w.WriteAsync(1);
                await w.WriteAsync(imported, NpgsqlDbType.TimestampTz);
            }
            await w.CompleteAsync();
        }
        if (withFigures)
        await using (var w = await connection.BeginBinaryImportAsync(
            "COPY rm_observations (indicator, unit, period, breakdown, revision, value, source, received_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var unit in new[] { "1203", "1203013", "1203022", "1203033", "1203043", "1203053" })
                foreach (var breakdown in new[] { "total", "sex:female", "sex:male" })
                    for (var y = FirstYear; y <= LastYear; y++)
                    {
                        await w.StartRowAsync();
                        await w.WriteAsync("registered_unemployed"); await w.WriteAsync(unit); await w.WriteAsync(y.ToString()); await w.WriteAsync(breakdown);
                        await w.WriteAsync(1); await w.WriteAsync((decimal)(unit.Length == 4 ? 4800 - 280 * (y - FirstYear) : 900 - 50 * (y - FirstYear)) / (breakdown == "total" ? 1 : 2));
                        await w.WriteAsync("benchmark"); await w.WriteAsync(imported, NpgsqlDbType.TimestampTz);
                    }
            await w.CompleteAsync();
        }
        await using var analyze = new NpgsqlCommand("ANALYZE", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    /// <summary>The report model (already made) rendered in every format once, in the order the worker runs them.</summary>
    private static async Task<(TimeSpan Total, string PerFormat)> AllFormatsAsync(IReadOnlyDictionary<string, IReportRenderer> renderers, global::Reporting.Api.Domain.Report model)
    {
        var total = Stopwatch.StartNew();
        var parts = new List<string>();
        foreach (var format in new[] { "html", "csv", "xlsx", "docx", "pdf" })
        {
            var one = Stopwatch.StartNew();
            var bytes = await renderers[format].RenderAsync(model, CancellationToken.None);
            parts.Add($"{format} {one.Elapsed.TotalSeconds:0.00}");
            // Outside the timing: the files, to open and look at (DUMP_REPORT=/tmp/rep → /tmp/rep-92.pdf, /tmp/rep-1000.pdf …).
            if (Environment.GetEnvironmentVariable("DUMP_REPORT") is { } dump) await File.WriteAllBytesAsync($"{dump}-{model.Directions.Rows.Count}.{format}", bytes);
        }
        return (total.Elapsed, string.Join(", ", parts));
    }

    /// <summary>The process's working set sampled every 20 ms from creation to Stop: the peak, and how much it grew.</summary>
    /// <summary>
    /// Peak working set of this process (the service in-process) and, apart, of the shared headless Chromium the PDFs
    /// are printed by (the proportional set size of its processes, so memory they share is counted once).
    /// </summary>
    private sealed class PeakMemory : IDisposable
    {
        private readonly long start = Environment.WorkingSet;
        private long peak = Environment.WorkingSet;
        private readonly CancellationTokenSource stop = new();
        private readonly Task loop;

        public long ChromiumPeak { get; private set; }

        public PeakMemory() => loop = Task.Run(async () =>
        {
            var tick = 0;
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, Environment.WorkingSet);
                if (tick++ % 5 == 0) ChromiumPeak = Math.Max(ChromiumPeak, ChromiumPss());
                try { await Task.Delay(20, stop.Token); } catch (OperationCanceledException) { }
            }
        });

        public long Growth => peak - start;

        public long Stop()
        {
            stop.Cancel();
            loop.Wait();
            return peak = Math.Max(peak, Environment.WorkingSet);
        }

        public void Dispose() { stop.Cancel(); stop.Dispose(); }

        private static long ChromiumPss()
        {
            long total = 0;
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                try
                {
                    if (!int.TryParse(Path.GetFileName(dir), out _) || !File.ReadAllText(Path.Combine(dir, "cmdline")).Contains("report-chromium-")) continue;
                    var pss = File.ReadLines(Path.Combine(dir, "smaps_rollup")).FirstOrDefault(l => l.StartsWith("Pss:"));
                    if (pss is not null) total += long.Parse(pss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
                }
                catch (IOException) { } catch (UnauthorizedAccessException) { } // the process ended meanwhile
            }
            return total;
        }
    }

    private static string Roman(int n) => n switch { 1 => "I", 2 => "II", 3 => "III", 4 => "IV", _ => n.ToString() };
}
