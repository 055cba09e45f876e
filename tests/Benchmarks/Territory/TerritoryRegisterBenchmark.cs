using System.Diagnostics;
using Benchmarks.Harness;
using Benchmarks.Labour;
using Grpc.Net.Client;
using Npgsql;
using NpgsqlTypes;
using Platform.Territory;
using Platform.Testing;

namespace Benchmarks.Territory;

/// <summary>
/// Issue 16, in one run: (1) loading the full GUS TERC file (4,332 rows) through labour's register import (parse,
/// checks, history, store, outbox event) against a binary COPY of the same units into a table of the same shape;
/// (2) a 200,000-row labour feed into a service holding the full register against the same rows into one holding
/// the 16-unit demo register, alternating rounds. Goal: the full register costs at most 10% of feed throughput.
/// </summary>
public sealed class TerritoryRegisterBenchmark : IBenchmark
{
    public string Name => "territory-register";

    public async Task RunAsync(BenchmarkContext context)
    {
        var rows = context.Size(full: 200_000, smoke: 2_000);
        var rounds = context.Size(full: 3, smoke: 1);
        var subset = RegisterFiles.WriteDemoSubset();
        await using var full = await Service.StartAsync("terrfull");
        await using var demo = await Service.StartAsync("terrdemo");
        try
        {
            await LoadAsync(context, full);
            await RegisterFiles.ImportAsync(demo.Process, subset);
            await FeedAsync(context, rows, rounds, full.Process, demo.Process);
        }
        catch
        {
            foreach (var line in full.Process.ErrorLog.Concat(demo.Process.ErrorLog).TakeLast(3)) context.Report("  service error: " + line);
            throw;
        }
        finally
        {
            File.Delete(subset);
        }
    }

    private static async Task LoadAsync(BenchmarkContext context, Service service)
    {
        var importSeconds = await RegisterFiles.ImportAsync(service.Process, TercFiles.Full);
        var againSeconds = await RegisterFiles.ImportAsync(service.Process, TercFiles.Full);

        // The baseline: the same units, parsed beforehand (not timed), by binary COPY into a table like register_units.
        IReadOnlyList<TerritorialUnit> units;
        await using (var file = File.OpenRead(TercFiles.Full)) units = RegisterUpdate.Apply([], TercFile.Parse(file), null).Units;
        await using var dataSource = service.Database.CreateDataSource();
        await using (var create = dataSource.CreateCommand("CREATE TABLE register_units_baseline (LIKE register_units INCLUDING ALL)"))
            await create.ExecuteNonQueryAsync();
        var clock = Stopwatch.StartNew();
        await using (var connection = await dataSource.OpenConnectionAsync())
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY register_units_baseline (code, name, level, kind, parent_code, description, former_names) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var u in units)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(u.Code);
                await copy.WriteAsync(u.Name);
                await copy.WriteAsync(u.Level);
                await copy.WriteAsync(u.Kind, NpgsqlDbType.Text);
                await copy.WriteAsync(u.ParentCode, NpgsqlDbType.Text);
                await copy.WriteAsync(u.Description, NpgsqlDbType.Text);
                await copy.WriteAsync("[]", NpgsqlDbType.Jsonb);
            }
            await copy.CompleteAsync();
        }
        var copySeconds = clock.Elapsed.TotalSeconds;
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM register_units");
        var stored = (long)(await count.ExecuteScalarAsync())!;
        if (stored != units.Count) throw new InvalidOperationException($"the import stored {stored} units, the file has {units.Count}");

        context.Report($"TERC file: {units.Count - 1:N0} units (+ the PL root) loaded through POST /api/v1/territory/register:");
        context.Report($"  first load           {importSeconds * 1000,8:0} ms  (parse, checks, history, store, outbox event with the register)");
        context.Report($"  same file again      {againSeconds * 1000,8:0} ms  (nothing changes; the same version is published again)");
        context.Report($"  binary COPY baseline {copySeconds * 1000,8:0} ms  (the parsed units, no checks)");
        context.Report("  " + Ratio.Format("first load time (s)", importSeconds, copySeconds));
    }

    private static async Task FeedAsync(BenchmarkContext context, int rows, int rounds, ServiceProcess full, ServiceProcess demo)
    {
        using var fullChannel = GrpcChannel.ForAddress(full.GrpcAddress);
        using var demoChannel = GrpcChannel.ForAddress(demo.GrpcAddress);
        // Warm-up of both (JIT, connections, the register's index) with rows no round uses.
        var offset = 0;
        foreach (var channel in new[] { fullChannel, demoChannel })
            await LabourIngestBenchmark.SubmitAsync(channel, LabourIngestBenchmark.Messages(offset, 2_000));
        offset += 2_000;

        var fullRates = new List<double>();
        var demoRates = new List<double>();
        for (var round = 0; round < rounds; round++, offset += rows)
        {
            // The same rows into each (their own databases); who goes first alternates.
            foreach (var (channel, rates) in round % 2 == 0 ? new[] { (demoChannel, demoRates), (fullChannel, fullRates) } : [(fullChannel, fullRates), (demoChannel, demoRates)])
            {
                var messages = LabourIngestBenchmark.Messages(offset, rows);
                var clock = Stopwatch.StartNew();
                await LabourIngestBenchmark.SubmitAsync(channel, messages);
                rates.Add(rows / clock.Elapsed.TotalSeconds);
            }
        }
        var fullRate = Median(fullRates);
        var demoRate = Median(demoRates);
        context.Report($"feed of {rows:N0} rows (units of powiat chrzanowski) through SubmitObservations, {rounds} rounds alternating:");
        context.Report($"  full register (4,333 units)  {fullRate,10:N0} rows/s  (rounds: {string.Join(", ", fullRates.Select(r => r.ToString("N0")))})");
        context.Report($"  demo register (16 units)     {demoRate,10:N0} rows/s  (rounds: {string.Join(", ", demoRates.Select(r => r.ToString("N0")))})");
        context.Report("  " + Ratio.Format("full / demo register rows/s (goal ≥ 0.9)", fullRate, demoRate));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>A labour process on its own database and virtual host, dropped afterwards.</summary>
    private sealed class Service(TestDatabase database, TestVirtualHost vhost, ServiceProcess process) : IAsyncDisposable
    {
        public TestDatabase Database => database;
        public ServiceProcess Process => process;

        public static async Task<Service> StartAsync(string name)
        {
            var database = await TestDatabase.CreateAsync(name);
            var vhost = await TestVirtualHost.CreateAsync(name);
            return new Service(database, vhost, await ServiceProcess.StartAsync(database, vhost));
        }

        public async ValueTask DisposeAsync()
        {
            await process.DisposeAsync();
            await vhost.DisposeAsync();
            for (var attempt = 1; ; attempt++)
            {
                try { await database.DisposeAsync(); return; }
                catch (PostgresException) when (attempt < 10) { await Task.Delay(1000); }
            }
        }
    }
}
