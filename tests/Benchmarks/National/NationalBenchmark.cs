using System.Diagnostics;
using System.Globalization;
using System.Text;
using Benchmarks.Harness;
using Benchmarks.Labour;
using Gateway.Identity;
using Gateway.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Identity;
using Platform.Testing;
using PupFeed.Cli;
using PupFeed.Sending;
using Reporting.Api.Application;
using Reporting.Api.Extensions;
using Reporting.Api.Persistence;
using Reporting.Api.Rendering;
using GatewayWiring = Gateway.Extensions.Extensions;
using ZonesWiring = Zones.Api.Extensions.Extensions;

namespace Benchmarks.National;

/// <summary>
/// Issue 20: the platform at national volume. The generated data set (<see cref="NationalDataSet"/>: every gmina and
/// powiat of the TERC register, ten years of monthly figures, 500 strategies) is COPYed into the services' own schemas,
/// then, each against its baseline in the same run: one month of all 380 PUPs fed through the gateway by pup-feed's
/// own sending code (rows/s vs COPY of as many rows into the loaded table; the labour service's peak memory); the
/// latency of four queries (median, p99) vs the same SQL run directly; the reporting read model after the full load
/// (rows, size, a full rebuild vs a plain COPY of the same rows, a final evaluation of a 300-direction strategy).
/// All of it at 1/10 of the country (every 10th powiat) and then at full scale; the last table prints how each
/// cost grew against the data.
/// </summary>
public sealed class NationalBenchmark : IBenchmark
{
    public string Name => "national";

    private const int Seed = 20;
    private const int FeedParallelism = 16;

    // The in-process hosts' readiness checks log "broker not started" as errors while MassTransit connects.
    private static readonly KeyValuePair<string, string?> Quiet = new("Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks", "None");

    private sealed record Scale(string Label, int Every, int Limit, int Months, int Strategies, int Iterations);

    /// <summary>One figure of a scale: the platform's path, its baseline in the same run (or NaN), the unit.</summary>
    private sealed record Measure(string Figure, double Value, double Baseline, string Unit, bool LowerIsBetter = true);

    public async Task RunAsync(BenchmarkContext context)
    {
        var tenth = context.Smoke ? new Scale("1/10", 1, 1, 24, 3, 5) : new Scale("1/10", 10, int.MaxValue, 120, 50, 200);
        var full = context.Smoke ? new Scale("full", 1, 2, 24, 6, 5) : new Scale("full", 1, int.MaxValue, 120, 500, 200);
        var small = await RunScaleAsync(context, tenth);
        var large = await RunScaleAsync(context, full);

        context.Report("");
        context.Report("growth from 1/10 to full (the data grew " + (large.Rows / (double)small.Rows).ToString("0.0", CultureInfo.InvariantCulture) + "×):");
        context.Report($"  {"figure",-58} {"1/10",12} {"full",12}  growth  baseline growth");
        foreach (var m in large.Measures)
        {
            var s = small.Measures.FirstOrDefault(x => x.Figure == m.Figure);
            if (s is null) continue;
            var baselineGrowth = double.IsNaN(m.Baseline) ? "" : $"{m.Baseline / s.Baseline,6:0.00}×";
            context.Report($"  {m.Figure + " (" + m.Unit + ")",-58} {s.Value,12:0.###} {m.Value,12:0.###} {m.Value / s.Value,6:0.00}×  {baselineGrowth}");
        }
    }

    private sealed record ScaleResult(long Rows, List<Measure> Measures);

    private static async Task<ScaleResult> RunScaleAsync(BenchmarkContext context, Scale scale)
    {
        var powiaty = NationalDataSet.ReadPowiaty(TercFiles.Full, scale.Every, scale.Limit);
        var data = new NationalDataSet(powiaty, scale.Months, Seed);
        var measures = new List<Measure>();
        context.Report($"-- {scale.Label}: {powiaty.Count} powiaty, {data.UnitCount:N0} units × {scale.Months} months × {NationalDataSet.FiguresPerUnitMonth} figures = {data.RowCount:N0} observations, {scale.Strategies} strategies");

        var labourDb = await TestDatabase.CreateAsync("bench_national_labour");
        var gatewayDb = await TestDatabase.CreateAsync("bench_national_gateway");
        var zonesDb = await TestDatabase.CreateAsync("bench_national_zones");
        var reportingDb = await TestDatabase.CreateAsync("bench_national_reporting");
        try
        {
            await using var vhost = await TestVirtualHost.CreateAsync("bench_national");
            await using var labour = await ServiceProcess.StartAsync(labourDb, vhost);
            await Territory.RegisterFiles.ImportAsync(labour, TercFiles.Full);
            await using var labourSql = labourDb.CreateDataSource();

            // The data set, COPYed into the labour service's own table (its indexes rebuilt after the load).
            var clock = Stopwatch.StartNew();
            await LoadObservationsAsync(labourSql, data);
            context.Report($"   loaded {data.RowCount:N0} observations by COPY in {clock.Elapsed.TotalSeconds:0.0} s ({data.RowCount / clock.Elapsed.TotalSeconds:N0} rows/s, indexes and VACUUM ANALYZE included); " +
                           $"table + indexes {await SizeMbAsync(labourSql, "observations"):N0} MB");

            await using var gateway = await ServiceTestHost.StartAsync(
                [
                    new("ConnectionStrings:Database", gatewayDb.ConnectionString), .. TestIdentity.Settings,
                    new("Services:labour:Http", labour.HttpAddress.ToString()), new("Services:labour:Grpc", labour.GrpcAddress.ToString()),
                    new("RateLimiting:PermitsPerMinute", "100000000"), Quiet,
                ],
                builder => { builder.AddServiceDefaults(); GatewayWiring.AddGatewayServices(builder); },
                app => { app.MapDefaultEndpoints(serviceOpenApi: false); GatewayWiring.MapGatewayEndpoints(app); });

            measures.AddRange(await FeedAsync(context, data, labour, labourSql, gateway));
            measures.AddRange(await QueriesAsync(context, scale, data, labour, labourSql, vhost, zonesDb));
            measures.AddRange(await ReportingAsync(context, scale, data, labour, labourSql, vhost, reportingDb));
            context.Report($"   labour database after everything: observations {await SizeMbAsync(labourSql, "observations"):N0} MB");
        }
        finally
        {
            foreach (var db in new[] { reportingDb, zonesDb, gatewayDb, labourDb }) await DropAsync(db);
        }
        foreach (var m in measures)
            context.Report($"   {scale.Label,-5} {m.Figure,-58} " + (double.IsNaN(m.Baseline)
                ? $"{m.Value:0.###} {m.Unit}"
                : Ratio.Format(m.Unit, m.Value, m.Baseline)));
        return new ScaleResult(data.RowCount, measures);
    }

    // ---------------------------------------------------------------- load

    private static readonly DateTimeOffset Epoch = new(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Received ten days after the month ended, one batch per powiat and month (as pup-feed would send them).</summary>
    private static DateTimeOffset ReceivedAt(int month) => Epoch.AddMonths(month + 1).AddDays(10);

    private static async Task LoadObservationsAsync(NpgsqlDataSource sql, NationalDataSet data)
    {
        var indexes = new List<(string Name, string Definition)>();
        await using (var read = sql.CreateCommand("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'observations' AND indexname <> 'observations_pkey'"))
        await using (var reader = await read.ExecuteReaderAsync())
            while (await reader.ReadAsync()) indexes.Add((reader.GetString(0), reader.GetString(1)));
        await ExecAsync(sql, "ALTER TABLE observations SET (autovacuum_enabled = false); ALTER TABLE observations DROP CONSTRAINT observations_pkey; " +
            string.Join("", indexes.Select(d => $"DROP INDEX {d.Name};")));

        // Two COPY streams (the generator on one core, the server's parsing on the other), powiaty split between them.
        var halves = new[] { 0, 1 }.Select(h => data.Powiaty.Where((_, i) => i % 2 == h).ToList()).ToArray();
        await Task.WhenAll(halves.Select(part => Task.Run(async () =>
        {
            await using var connection = await sql.OpenConnectionAsync();
            await using var importer = await connection.BeginBinaryImportAsync(
                "COPY observations (indicator_code, unit_teryt, period, period_kind, breakdown, revision, value, source, batch_id, received_at) FROM STDIN (FORMAT BINARY)");
            foreach (var powiat in part)
            {
                var month = -1;
                var current = "";
                var batch = "";
                DateTimeOffset received = default;
                foreach (var f in data.Figures(powiat, 0, data.Months))
                {
                    if (f.Period != current)
                    {
                        current = f.Period;
                        month++;
                        batch = $"national-{powiat.Code}-{f.Period}";
                        received = ReceivedAt(month);
                    }
                    WriteRow(importer, f, batch, received);
                }
            }
            await importer.CompleteAsync();
        })));

        await ExecAsync(sql, "SET maintenance_work_mem = '1GB'; ALTER TABLE observations ADD CONSTRAINT observations_pkey PRIMARY KEY (id); " +
            string.Join("", indexes.Select(d => d.Definition + ";")) + " ALTER TABLE observations RESET (autovacuum_enabled);");
        await ExecAsync(sql, "VACUUM ANALYZE observations");
    }

    private static void WriteRow(NpgsqlBinaryImporter importer, Figure f, string batch, DateTimeOffset received)
    {
        importer.StartRow();
        importer.Write(f.Indicator, NpgsqlDbType.Text);
        importer.Write(f.Unit, NpgsqlDbType.Text);
        importer.Write(f.Period, NpgsqlDbType.Text);
        importer.Write("month", NpgsqlDbType.Text);
        importer.Write(f.Breakdown, NpgsqlDbType.Text);
        importer.Write(1, NpgsqlDbType.Integer);
        importer.Write(f.Value, NpgsqlDbType.Numeric);
        importer.Write(NationalDataSet.Source, NpgsqlDbType.Text);
        importer.Write(batch, NpgsqlDbType.Text);
        importer.Write(received, NpgsqlDbType.TimestampTz);
    }

    // ---------------------------------------------------------------- feed

    /// <summary>
    /// The month after the data set, every PUP at once (<see cref="FeedParallelism"/> in flight): its export file sent by
    /// pup-feed's own FileFeed (local checks, reference lists, the stream of chunks) with the office's API key, through the
    /// gateway (API-key authentication, the signed identity, YARP over h2c) into the labour service. Baseline: the same
    /// number of rows (the month after) binary-COPYed straight into the loaded table, in a transaction rolled back.
    /// </summary>
    private static async Task<List<Measure>> FeedAsync(BenchmarkContext context, NationalDataSet data, ServiceProcess labour,
        NpgsqlDataSource labourSql, ServiceTestHost gateway)
    {
        // One API key per PUP, territory = its powiat: what `Gateway keys create --role labour-office --territory <powiat>`
        // does (ApiKey.Create, then the row saved), without starting the CLI 380 times.
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var scope = gateway.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
            var now = DateTimeOffset.UtcNow;
            foreach (var p in data.Powiaty)
            {
                var (key, plain) = ApiKey.Create($"PUP {p.Name}", PlatformRoles.LabourOffice, p.Code, now.AddDays(30), now);
                db.ApiKeys.Add(key);
                keys[p.Code] = plain;
            }
            await db.SaveChangesAsync();
        }

        var folder = Directory.CreateTempSubdirectory("national-feed-");
        try
        {
            long rows = 0;
            var files = new List<(Powiat Powiat, string Path)>();
            foreach (var p in data.Powiaty)
            {
                var path = Path.Combine(folder.FullName, $"{p.Code}.csv");
                await using (var w = new StreamWriter(path, false, new UTF8Encoding(false)))
                {
                    await w.WriteLineAsync("teryt;wskaźnik;okres;przekrój;wartość");
                    foreach (var f in data.Figures(p, data.Months, data.Months + 1))
                    {
                        await w.WriteLineAsync($"{f.Unit};{f.Indicator};{f.Period};{f.Breakdown};{f.Value.ToString(CultureInfo.InvariantCulture)}");
                        rows++;
                    }
                }
                files.Add((p, path));
            }

            labour.BatchLog.Clear();
            var idleMb = labour.MemoryMb("VmRSS");
            var peakBeforeMb = labour.MemoryMb("VmHWM");
            var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
            using var gate = new SemaphoreSlim(FeedParallelism);
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(files.Select(async file =>
            {
                await gate.WaitAsync();
                try
                {
                    var output = new StringWriter();
                    var console = new FeedConsole(output, output);
                    var options = new FeedOptions { Address = gateway.GrpcAddress, ApiKey = keys[file.Powiat.Code], Retries = 0 };
                    using var client = new LabourFeedClient(options, console);
                    var exit = await new FileFeed(options, client, console).SendAsync(file.Path, CancellationToken.None);
                    if (exit != ExitCodes.Ok) failures.Add($"{file.Powiat.Code}: exit {exit}: {output.ToString().Trim()}");
                }
                finally { gate.Release(); }
            }));
            var feedSeconds = clock.Elapsed.TotalSeconds;
            if (!failures.IsEmpty) throw new InvalidOperationException($"pup-feed failed for {failures.Count} PUPs: {string.Join(" | ", failures.Take(3))}");
            var peakMb = labour.MemoryMb("VmHWM");

            // Baseline: as many rows (the month after), COPYed into the loaded table with all its indexes, then rolled back.
            var baselineRows = data.Powiaty.SelectMany(p => data.Figures(p, data.Months + 1, data.Months + 2)).ToList();
            await using var connection = await labourSql.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            clock.Restart();
            await using (var importer = await connection.BeginBinaryImportAsync(
                "COPY observations (indicator_code, unit_teryt, period, period_kind, breakdown, revision, value, source, batch_id, received_at) FROM STDIN (FORMAT BINARY)"))
            {
                var received = DateTimeOffset.UtcNow;
                foreach (var f in baselineRows) WriteRow(importer, f, "baseline", received);
                await importer.CompleteAsync();
            }
            var copySeconds = clock.Elapsed.TotalSeconds;
            await transaction.RollbackAsync();

            await using (var count = labourSql.CreateCommand($"SELECT count(*) FROM observations WHERE period = '{NationalDataSet.PeriodOf(data.Months)}'"))
            {
                var stored = (long)(await count.ExecuteScalarAsync())!;
                if (stored != rows) throw new InvalidOperationException($"the feed stored {stored} rows of {rows}");
            }
            // The service's own phase timings per batch ("… merged N ms …"): the merge is what could grow with the table.
            var merges = new LatencySamples();
            foreach (var line in labour.BatchLog)
            {
                var message = System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("Message").GetString() ?? "";
                var at = message.IndexOf("merged ", StringComparison.Ordinal);
                if (at >= 0 && double.TryParse(message[(at + 7)..].Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)) merges.AddMs(ms);
            }
            context.Report($"   feed: the service's merge per PUP batch (from its log, {merges.Count} batches): median {merges.Median:0.0} ms, p99 {merges.P99:0.0} ms");
            context.Report($"   feed: {data.Powiaty.Count} PUPs × 1 month = {rows:N0} rows through the gateway in {feedSeconds:0.00} s " +
                           $"({FeedParallelism} PUPs at a time); COPY of {baselineRows.Count:N0} rows {copySeconds:0.00} s; " +
                           $"labour service memory: {idleMb:0} MB resident before, peak {peakMb:0} MB (peak before the feed, register import included: {peakBeforeMb:0} MB)");
            return
            [
                new("feed of one month, all PUPs, through the gateway", rows / feedSeconds, baselineRows.Count / copySeconds, "rows/s", LowerIsBetter: false),
                new("feed: labour service peak memory", peakMb, double.NaN, "MB"),
                new("feed: merge of one PUP's batch (service log), median", merges.Median, double.NaN, "ms"),
            ];
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    // ---------------------------------------------------------------- queries

    private const string ObservationColumns =
        "id, indicator_code, unit_teryt, period, period_kind, breakdown, revision, value, source, batch_id, received_at, superseded_at";

    private static async Task<List<Measure>> QueriesAsync(BenchmarkContext context, Scale scale, NationalDataSet data, ServiceProcess labour,
        NpgsqlDataSource sql, TestVirtualHost vhost, TestDatabase zonesDb)
    {
        var measures = new List<Measure>();
        using var http = new HttpClient { BaseAddress = labour.HttpAddress };
        var lastPeriod = NationalDataSet.PeriodOf(data.Months - 1);
        var firstPeriod = NationalDataSet.PeriodOf(0);
        // Units visited in turn: gminy spread over the data set, the first powiat's units, the first voivodeship's gminy.
        var gminy = data.Powiaty.SelectMany(p => p.Gminy).Select(g => g.Code).ToList();
        var visited = Enumerable.Range(0, 20).Select(i => gminy[i * gminy.Count / 20]).Distinct().ToList();
        var powiatUnits = data.Powiaty[0].Units.ToList();
        var voivodeship = data.Powiaty[0].Code[..2];
        var voivodeshipGminy = gminy.Where(g => g.StartsWith(voivodeship, StringComparison.Ordinal)).ToList();

        async Task<(LatencySamples Service, LatencySamples Sql)> Interleaved(Func<int, Task> service, Func<int, Task> direct)
        {
            for (var i = 0; i < Math.Max(3, scale.Iterations / 4); i++) { await service(i); await direct(i); }
            var s = new LatencySamples();
            var d = new LatencySamples();
            for (var i = 0; i < scale.Iterations; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await service(i);
                s.Add(Stopwatch.GetElapsedTime(start));
                start = Stopwatch.GetTimestamp();
                await direct(i);
                d.Add(Stopwatch.GetElapsedTime(start));
            }
            return (s, d);
        }

        async Task<int> Rows(string text, params object[] parameters)
        {
            await using var command = sql.CreateCommand(text);
            foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
            await using var reader = await command.ExecuteReaderAsync();
            var n = 0;
            while (await reader.ReadAsync()) n++;
            return n;
        }

        void Add(string figure, (LatencySamples Service, LatencySamples Sql) r, string detail)
        {
            context.Report($"   {figure}: service median {r.Service.Median:0.00} ms, p99 {r.Service.P99:0.00} ms; SQL median {r.Sql.Median:0.00} ms, p99 {r.Sql.P99:0.00} ms ({detail})");
            measures.Add(new(figure + ", median", r.Service.Median, r.Sql.Median, "ms"));
            measures.Add(new(figure + ", p99", r.Service.P99, r.Sql.P99, "ms"));
        }

        // A gmina's series: ten years of monthly totals.
        Add("gmina series (REST)", await Interleaved(
            async i => (await http.GetAsync($"api/v1/labour/series?indicator=registered_unemployed&unit={visited[i % visited.Count]}&from={firstPeriod}&to={lastPeriod}")).EnsureSuccessStatusCode().Dispose(),
            i => Rows($"SELECT {ObservationColumns} FROM observations WHERE indicator_code = $1 AND unit_teryt = $2 AND breakdown = 'total' AND superseded_at IS NULL " +
                      "AND period_kind = 'month' AND period >= $3 AND period <= $4", "registered_unemployed", visited[i % visited.Count], firstPeriod, lastPeriod)),
            $"{data.Months} points");

        // Every gmina of a voivodeship in one month.
        var unitList = string.Join(",", voivodeshipGminy);
        Add("compare all gminy of a voivodeship (REST)", await Interleaved(
            async i => (await http.GetAsync($"api/v1/labour/compare?indicator=registered_unemployed&period={NationalDataSet.PeriodOf(data.Months - 1 - i % 12)}&units={unitList}")).EnsureSuccessStatusCode().Dispose(),
            i => Rows($"SELECT {ObservationColumns} FROM observations WHERE indicator_code = $1 AND breakdown = 'total' AND period = $2 AND unit_teryt = ANY($3) AND superseded_at IS NULL",
                      "registered_unemployed", NationalDataSet.PeriodOf(data.Months - 1 - i % 12), voivodeshipGminy.ToArray())),
            $"voivodeship {voivodeship}: {voivodeshipGminy.Count} gminy");

        // The latest figure of each of a powiat's units: one call per unit, as a page listing them does.
        Add("latest figure of a powiat's units (REST, one call per unit)", await Interleaved(
            async _ =>
            {
                foreach (var u in powiatUnits)
                    (await http.GetAsync($"api/v1/labour/latest?indicator=registered_unemployed&unit={u}&frequency=month")).EnsureSuccessStatusCode().Dispose();
            },
            async _ =>
            {
                foreach (var u in powiatUnits)
                    await Rows($"SELECT {ObservationColumns} FROM observations WHERE indicator_code = $1 AND unit_teryt = $2 AND breakdown = 'total' AND superseded_at IS NULL AND period_kind = 'month'",
                               "registered_unemployed", u);
            }),
            $"powiat {data.Powiaty[0].Code}: {powiatUnits.Count} units");

        // Zone search with the unemployment criterion: the Zones service answers each page with the latest unemployment
        // rate of every powiat on it, asked of labour over gRPC (cache off, so every search asks).
        await using (var zones = await ServiceTestHost.StartAsync(
            [
                new("ConnectionStrings:Database", zonesDb.ConnectionString), .. TestIdentity.Settings, .. vhost.Settings(), new("DemoData:Import", "false"),
                new("GrpcClients:labour:Address", labour.GrpcAddress.ToString()), new("LabourMarket:CacheFor", "00:00:00"),
                new("LabourMarket:Timeout", "00:00:30"), Quiet,
            ],
            builder => { builder.AddServiceDefaults(); ZonesWiring.AddApplicationServices(builder); },
            app => { app.MapDefaultEndpoints(); ZonesWiring.MapApplicationEndpoints(app); }))
        {
            await TestRegister.LoadFullAsync(zones.Services);
            await using var zonesSql = zonesDb.CreateDataSource();
            await SeedZonesAsync(zonesSql, gminy);
            using var zonesHttp = zones.CreateHttpClient();
            var query = "api/v1/zones?minAvailableHa=1&sort=-area&page=1&pageSize=20";
            var sample = await zonesHttp.GetStringAsync(query);
            var unemployment = sample[sample.LastIndexOf("\"unemployment\"", StringComparison.Ordinal)..];
            if (unemployment.Contains("\"reason\":\"", StringComparison.Ordinal))
                throw new InvalidOperationException("the zone page carries no unemployment rate: " + unemployment[..Math.Min(400, unemployment.Length)]);
            Add("zone search with the unemployment rate (REST)", await Interleaved(
                async _ => (await zonesHttp.GetAsync(query)).EnsureSuccessStatusCode().Dispose(),
                async _ =>
                {
                    var powiaty = new List<string>();
                    await using (var command = zonesSql.CreateCommand(
                        "SELECT id, name, gmina_teryt, available_area_ha, total_area_ha FROM zones WHERE available_area_ha >= 1 ORDER BY total_area_ha DESC LIMIT 20"))
                    await using (var reader = await command.ExecuteReaderAsync())
                        while (await reader.ReadAsync()) powiaty.Add(reader.GetString(2)[..4]);
                    foreach (var p in powiaty.Distinct())
                        await Rows($"SELECT {ObservationColumns} FROM observations WHERE indicator_code = 'unemployment_rate' AND unit_teryt = $1 AND breakdown = 'total' AND superseded_at IS NULL", p);
                }),
                $"{gminy.Count:N0} zones, page of 20");
        }
        return measures;
    }

    /// <summary>One zone per gmina of the data set (seeded random areas and shapes).</summary>
    private static async Task SeedZonesAsync(NpgsqlDataSource sql, List<string> gminy)
    {
        await using var command = sql.CreateCommand("""
            SELECT setseed(0.2);
            INSERT INTO zones (id, name, gmina_teryt, kind, state, total_area_ha, available_area_ha, computed_area_ha, year_established,
                sse_name, psi_eligible, zoning_designation, utilities, railway_siding, ownership, price_min_pln_m2, price_max_pln_m2,
                description, approximate_boundary, boundary, version, created_at, updated_at)
            SELECT gen_random_uuid(), 'Strefa ' || i, g.code, 'sag', 'operating',
                   round((ST_Area(ST_Transform(b.g, 2180)) / 10000)::numeric, 4),
                   round((ST_Area(ST_Transform(b.g, 2180)) / 10000 * random())::numeric, 4),
                   round((ST_Area(ST_Transform(b.g, 2180)) / 10000)::numeric, 4),
                   2000 + i % 25, NULL, i % 2 = 0, 'P/U',
                   jsonb_build_object('water', 'available', 'sewage', 'available', 'electricity', 'available'),
                   false, 'municipal', round((20 + random() * 200)::numeric, 2), NULL, 'Strefa syntetyczna (benchmark national).', true,
                   b.g, 1, now(), now()
            FROM unnest(@gminy) WITH ORDINALITY AS g(code, i),
                 LATERAL (SELECT 14.3 + random() * 9.6 + i * 0 AS lon, 49.2 + random() * 5.4 AS lat, 0.002 + random() * 0.012 AS half) c,
                 LATERAL (SELECT ST_Multi(ST_MakeEnvelope(c.lon - c.half * 1.5, c.lat - c.half, c.lon + c.half * 1.5, c.lat + c.half, 4326)) AS g) b;
            ANALYZE zones;
            """);
        command.Parameters.AddWithValue("gminy", gminy.ToArray());
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }

    // ---------------------------------------------------------------- reporting

    private static async Task<List<Measure>> ReportingAsync(BenchmarkContext context, Scale scale, NationalDataSet data, ServiceProcess labour,
        NpgsqlDataSource labourSql, TestVirtualHost vhost, TestDatabase reportingDb)
    {
        var measures = new List<Measure>();
        await using var reporting = await ServiceTestHost.StartAsync(
            [
                new("ConnectionStrings:Database", reportingDb.ConnectionString), .. TestIdentity.Settings, .. vhost.Settings(),
                new("GrpcClients:labour:Address", labour.GrpcAddress.ToString()), Quiet,
            ],
            b => { b.AddServiceDefaults(); b.AddApplicationServices(); },
            a => { a.MapDefaultEndpoints(); a.MapApplicationEndpoints(); });
        await TestRegister.LoadFullAsync(reporting.Services);
        await using var sql = reportingDb.CreateDataSource();
        var strategies = data.Strategies(scale.Strategies);
        var seeded = Stopwatch.StartNew();
        var (nodes, entries) = await SeedStrategiesAsync(sql, strategies);
        context.Report($"   {strategies.Count} strategies ({nodes:N0} nodes, {entries:N0} yearly entries) COPYed into the reporting read model in {seeded.Elapsed.TotalSeconds:0.0} s");

        // Full rebuild of the labour part: every revision from labour's ExportObservations into rm_observations.
        var clock = Stopwatch.StartNew();
        LabourRebuilt rebuilt;
        await using (var scope = reporting.CreateScope())
            rebuilt = await scope.ServiceProvider.GetRequiredService<LabourRebuild>().RebuildAsync(CancellationToken.None);
        var rebuildSeconds = clock.Elapsed.TotalSeconds;
        await ExecAsync(sql, "ANALYZE rm_observations");
        var rows = await ScalarAsync(sql, "SELECT count(*) FROM rm_observations");
        var sizeMb = await SizeMbAsync(sql, "rm_observations");

        // Baseline: the same rows COPYed out of labour's table and into a table of the read model's shape, nothing else.
        await ExecAsync(sql, "CREATE TABLE rm_observations_baseline (LIKE rm_observations INCLUDING ALL)");
        clock.Restart();
        await using (var from = await labourSql.OpenConnectionAsync())
        await using (var to = await sql.OpenConnectionAsync())
        {
            await using var source = await from.BeginRawBinaryCopyAsync(
                "COPY (SELECT indicator_code, unit_teryt, period, breakdown, revision, value, source, received_at, batch_id FROM observations) TO STDOUT (FORMAT BINARY)");
            await using var target = await to.BeginRawBinaryCopyAsync(
                "COPY rm_observations_baseline (indicator, unit, period, breakdown, revision, value, source, received_at, batch_id) FROM STDIN (FORMAT BINARY)");
            await source.CopyToAsync(target);
        }
        var copySeconds = clock.Elapsed.TotalSeconds;
        await ExecAsync(sql, "DROP TABLE rm_observations_baseline");
        context.Report($"   read model: {rows:N0} rows, {sizeMb:N0} MB; full rebuild {rebuildSeconds:0.0} s ({rebuilt.Read:N0} read, {rebuilt.Added:N0} added); COPY of the same rows {copySeconds:0.0} s");
        measures.Add(new("reporting read model: rows", rows, double.NaN, "rows"));
        measures.Add(new("reporting read model: size on disk", sizeMb, double.NaN, "MB"));
        measures.Add(new("reporting read model: full rebuild (labour)", rebuildSeconds, copySeconds, "s"));

        // Final evaluation of the 300-direction strategy (owned by the first powiat, the same in every scale): the read
        // model's snapshot, the report model and its HTML, against the snapshot's reads alone.
        var strategy = strategies[0];
        var html = reporting.Services.GetServices<IReportRenderer>().Single(r => r.Format == "html");
        var cutOff = DateTimeOffset.UtcNow;
        var lastYear = NationalDataSet.FirstYear + data.Months / 12 - 1;
        var iterations = Math.Max(3, scale.Iterations / 20);
        int figures;
        await using (var scope = reporting.CreateScope())
            figures = (await SnapshotLoader.LoadAsync(scope.ServiceProvider.GetRequiredService<ReportingDbContext>(), strategy.Id, cutOff, CancellationToken.None)).Observations.Count;
        var read = await LatencySamples.MeasureAsync(iterations, async () =>
        {
            await using var scope = reporting.CreateScope();
            await SnapshotLoader.LoadAsync(scope.ServiceProvider.GetRequiredService<ReportingDbContext>(), strategy.Id, cutOff, CancellationToken.None);
        }, warmup: 1);
        var evaluation = await LatencySamples.MeasureAsync(iterations, async () =>
        {
            await using var scope = reporting.CreateScope();
            var snapshot = await SnapshotLoader.LoadAsync(scope.ServiceProvider.GetRequiredService<ReportingDbContext>(), strategy.Id, cutOff, CancellationToken.None);
            var model = ReportAssembler.Assemble(ReportKinds.FinalEvaluation, snapshot, NationalDataSet.FirstYear, lastYear, cutOff);
            await html.RenderAsync(model, CancellationToken.None);
        }, warmup: 1);
        context.Report($"   final evaluation, {strategy.Directions} directions ({strategy.OwnerName}): snapshot + model + HTML median {evaluation.Median:0.0} ms; snapshot alone {read.Median:0.0} ms ({figures:N0} figures of the territory)");
        measures.Add(new("final evaluation of a 300-direction strategy (HTML)", evaluation.Median, read.Median, "ms"));
        return measures;
    }

    private static async Task<(int Nodes, int Entries)> SeedStrategiesAsync(NpgsqlDataSource sql, List<NationalDataSet.Strategy> strategies)
    {
        await using var connection = await sql.OpenConnectionAsync();
        var imported = new DateTimeOffset(2025, 1, 31, 12, 0, 0, TimeSpan.Zero);
        var statuses = new[] { "continuous", "continuous", "continuous", "completed", "partial", "in_progress", "not_realized" };
        var random = new Random(Seed);
        int nodeCount = 0, entryCount = 0;
        var directions = new List<(Guid Strategy, Guid Id, string Code)>();
        await using (var w = await connection.BeginBinaryImportAsync(
            "COPY rm_nodes (id, strategy_id, parent_id, kind, code, title, sort_order, implementers, area_wide, indicators_json) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var s in strategies)
                foreach (var n in NationalDataSet.Tree(s))
                {
                    await w.StartRowAsync();
                    await w.WriteAsync(n.Id); await w.WriteAsync(s.Id);
                    if (n.Parent is { } p) await w.WriteAsync(p); else await w.WriteNullAsync();
                    await w.WriteAsync(n.Kind); await w.WriteAsync(n.Code); await w.WriteAsync($"{n.Kind} {n.Code}: rozwój gospodarczy, rynek pracy i usługi publiczne");
                    await w.WriteAsync(n.Order); await w.WriteAsync(new[] { s.OwnerName }); await w.WriteAsync(n.AreaWide); await w.WriteAsync("[]");
                    nodeCount++;
                    if (n.Kind == "direction") directions.Add((s.Id, n.Id, n.Code));
                }
            await w.CompleteAsync();
        }
        await using (var w = await connection.BeginBinaryImportAsync(
            "COPY rm_entries (entry_id, version, strategy_id, direction_id, direction_code, year_from, year_to, realized, status, status_text, description, conclusions, implementers, recorded_at, occurred_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var d in directions)
                for (var y = NationalDataSet.FirstYear; y < NationalDataSet.FirstYear + 10; y++)
                {
                    var status = statuses[random.Next(statuses.Length)];
                    var bytes = new byte[16];
                    random.NextBytes(bytes);
                    await w.StartRowAsync();
                    await w.WriteAsync(new Guid(bytes)); await w.WriteAsync(1); await w.WriteAsync(d.Strategy); await w.WriteAsync(d.Id); await w.WriteAsync(d.Code);
                    await w.WriteAsync(y); await w.WriteAsync(y); await w.WriteAsync(status != "not_realized"); await w.WriteAsync(status);
                    await w.WriteAsync(status.ToUpperInvariant());
                    await w.WriteAsync($"W {y} r. zrealizowano zadania kierunku {d.Code}.");
                    await w.WriteAsync($"Wnioski {d.Code}: kontynuować.");
                    await w.WriteAsync(Array.Empty<string>());
                    await w.WriteAsync(imported, NpgsqlDbType.TimestampTz); await w.WriteAsync(imported, NpgsqlDbType.TimestampTz);
                    entryCount++;
                }
            await w.CompleteAsync();
        }
        await using (var w = await connection.BeginBinaryImportAsync(
            "COPY rm_strategies (id, code, name, owner_kind, owner_units, owner_name, period_from, period_to, state, evaluation_summary_json, version, tree_version, occurred_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var s in strategies)
            {
                await w.StartRowAsync();
                await w.WriteAsync(s.Id); await w.WriteAsync(s.Code); await w.WriteAsync($"Strategia rozwoju – {s.OwnerName}"); await w.WriteAsync(s.OwnerKind);
                await w.WriteAsync(new[] { s.OwnerUnit }); await w.WriteAsync(s.OwnerName); await w.WriteAsync(NationalDataSet.FirstYear); await w.WriteAsync(NationalDataSet.FirstYear + 9);
                await w.WriteAsync("adopted"); await w.WriteAsync("{}"); await w.WriteAsync(1); await w.WriteAsync(1);
                await w.WriteAsync(imported, NpgsqlDbType.TimestampTz);
            }
            await w.CompleteAsync();
        }
        await using (var analyze = new NpgsqlCommand("ANALYZE rm_nodes; ANALYZE rm_entries; ANALYZE rm_strategies", connection))
            await analyze.ExecuteNonQueryAsync();
        return (nodeCount, entryCount);
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>
    /// Drops a database of gigabytes for sure: TestDatabase gives up after a few tries when an autovacuum worker (a
    /// superuser's backend, which FORCE cannot end) still holds it, and a leftover here is GBs of someone's disk.
    /// </summary>
    private static async Task DropAsync(TestDatabase database)
    {
        for (var attempt = 1; attempt <= 30; attempt++)
        {
            try { await database.DisposeAsync(); } catch (NpgsqlException) when (attempt < 30) { }
            await using var admin = new NpgsqlConnection(TestEnvironment.PostgresAdminConnectionString);
            await admin.OpenAsync();
            await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", admin) { Parameters = { new() { Value = database.Name } } };
            if ((long)(await exists.ExecuteScalarAsync())! == 0) return;
            await Task.Delay(2000);
        }
    }

    private static async Task ExecAsync(NpgsqlDataSource sql, string text)
    {
        await using var command = sql.CreateCommand(text);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource sql, string text)
    {
        await using var command = sql.CreateCommand(text);
        command.CommandTimeout = 0;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<double> SizeMbAsync(NpgsqlDataSource sql, string table) =>
        await ScalarAsync(sql, $"SELECT pg_total_relation_size('{table}')") / 1048576.0;
}
