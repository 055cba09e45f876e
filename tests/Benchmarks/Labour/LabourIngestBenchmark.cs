using Platform.ServiceDefaults.Identity;
using System.Diagnostics;
using System.Globalization;
using Benchmarks.Harness;
using Npgsql;
using Platform.Contracts.Labour.V1;
using LabourClient = Platform.Contracts.Labour.V1.LabourMarket.LabourMarketClient;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Testing;

namespace Benchmarks.Labour;

/// <summary>
/// Issue 5: a million observations through SubmitObservations (gRPC client streaming → binary COPY into
/// staging → one set-based merge, validation and revision bookkeeping included) into a service running as
/// its own process, against the same rows loaded by <c>psql \copy</c> (CSV) into a table of the same
/// shape and indexes, in the same database and run. Goals: rows/s ≥ 0.5 × psql's; service peak RSS &lt; 300 MB.
/// </summary>
public sealed class LabourIngestBenchmark : IBenchmark
{
    private const int ChunkRows = 1000;
    private const int WarmUpRows = 2000;
    private static readonly string[] Units =
        ["PL", "12", "1203", "1203013", "1203014", "1203015", "1203022", "1203033", "1203034", "1203035",
         "1203043", "1203044", "1203045", "1203053", "1203054", "1203055"];
    private static readonly string[] Indicators =
        ["registered_unemployed", "unemployment_rate", "long_term_unemployed", "unemployed_with_benefit", "inflow", "outflow"];
    private static readonly string[] Breakdowns =
        ["total", "sex:female", "sex:male", "age:18-24", "age:25-34", "age:35-44", "age:45-54", "age:55-59", "age:60+",
         "duration:0-1m", "duration:1-3m", "duration:3-6m", "duration:6-12m", "duration:12-24m", "duration:24m+",
         "education:higher", "education:post-secondary-vocational", "education:general-secondary", "education:basic-vocational",
         "education:lower-secondary-or-less", "experience:none", "experience:0-1y", "experience:1-5y", "experience:5-10y",
         "experience:10-20y", "experience:20-30y", "experience:30y+"];

    public string Name => "labour-ingest";

    public async Task RunAsync(BenchmarkContext context)
    {
        var rows = context.Size(full: 1_000_000, smoke: 2_000);
        var database = await TestDatabase.CreateAsync("labourbench");
        try
        {
            await using var vhost = await TestVirtualHost.CreateAsync("labourbench");
            await using var service = await ServiceProcess.StartAsync(database, vhost);
            var register = Territory.RegisterFiles.WriteDemoSubset(); // the 16 units the rows use
            try { await Territory.RegisterFiles.ImportAsync(service, register); }
            finally { File.Delete(register); }
            try { await RunAsync(context, rows, database, service); }
            catch
            {
                foreach (var line in service.ErrorLog.TakeLast(3)) context.Report("  service error: " + line);
                throw;
            }
        }
        finally
        {
            await DropAsync(database);
        }
    }

    private static async Task RunAsync(BenchmarkContext context, int rows, TestDatabase database, ServiceProcess service)
    {
        var idleMb = service.MemoryMb("VmRSS");
        await using var dataSource = database.CreateDataSource();
        // Autovacuum would start on the freshly loaded tables in the middle of the other load (and hold the
        // database when it is dropped): both loads run without it.
        await using (var create = dataSource.CreateCommand("""
            CREATE TABLE observations_baseline (LIKE observations INCLUDING ALL);
            ALTER TABLE observations SET (autovacuum_enabled = false);
            ALTER TABLE observations_baseline SET (autovacuum_enabled = false);
            """))
            await create.ExecuteNonQueryAsync();

        // The platform's path, after a small warm-up batch (JIT, connections) of other keys.
        using var channel = GrpcChannel.ForAddress(service.GrpcAddress);
        await SubmitAsync(channel, Messages(rows, WarmUpRows));
        // Built before the clock starts, as the CSV for psql is written before its clock starts.
        var messages = Messages(0, rows);
        var clock = Stopwatch.StartNew();
        await SubmitAsync(channel, messages);
        var grpcSeconds = clock.Elapsed.TotalSeconds;
        messages.Clear();
        var peakMb = service.MemoryMb("VmHWM");

        // The baseline: psql \copy of the same rows (CSV written beforehand, not timed) into a copy of the table.
        var csv = Path.Combine(Path.GetTempPath(), $"labour-bench-{Guid.NewGuid():N}.csv");
        try
        {
            await WriteCsvAsync(csv, rows);
            clock.Restart();
            await PsqlCopyAsync(database.ConnectionString, csv);
            var psqlSeconds = clock.Elapsed.TotalSeconds;
            await using var count = dataSource.CreateCommand("SELECT (SELECT count(*) FROM observations_baseline), (SELECT count(*) FROM observations)");
            await using var reader = await count.ExecuteReaderAsync();
            await reader.ReadAsync();
            if (reader.GetInt64(0) != rows || reader.GetInt64(1) != rows + WarmUpRows)
                throw new InvalidOperationException($"loaded {reader.GetInt64(0)} by psql, {reader.GetInt64(1)} by the service; expected {rows}");

            context.Report($"{rows:N0} observations, {ChunkRows} rows per gRPC message:");
            context.Report($"  gRPC SubmitObservations  {rows / grpcSeconds,10:N0} rows/s  ({grpcSeconds:0.00} s, validation + staging COPY + merge)");
            context.Report($"  psql \\copy (CSV)         {rows / psqlSeconds,10:N0} rows/s  ({psqlSeconds:0.00} s, same table shape and indexes)");
            context.Report("  " + Ratio.Format("gRPC / psql \\copy rows/s (goal ≥ 0.5)", rows / grpcSeconds, rows / psqlSeconds));
            if (service.BatchLog.LastOrDefault() is { } log)
                context.Report("  service: " + System.Text.Json.JsonDocument.Parse(log).RootElement.GetProperty("Message").GetString());
            context.Report($"  service memory: {idleMb:0} MB resident when idle, peak (VmHWM) {peakMb:0} MB (goal < 300 MB)");
        }
        finally
        {
            File.Delete(csv);
        }
    }

    // An autovacuum or a backend of the killed service may still hold the database for a moment.
    private static async Task DropAsync(TestDatabase database)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { await database.DisposeAsync(); return; }
            catch (PostgresException) when (attempt < 10) { await Task.Delay(1000); }
        }
    }

    internal static List<SubmitObservationsRequest> Messages(int first, int count)
    {
        var messages = new List<SubmitObservationsRequest>();
        var message = new SubmitObservationsRequest { BatchId = "bench-" + Guid.NewGuid().ToString("N"), Source = "benchmark" };
        for (var i = first; i < first + count; i++)
        {
            var (indicator, unit, period, breakdown, value) = RowAt(i);
            message.Rows.Add(new ObservationRow { Row = i + 1, Indicator = indicator, Unit = unit, Period = period, Breakdown = breakdown, Value = value });
            if (message.Rows.Count < ChunkRows) continue;
            messages.Add(message);
            message = new SubmitObservationsRequest();
        }
        if (message.Rows.Count > 0) messages.Add(message);
        return messages;
    }

    internal static async Task SubmitAsync(GrpcChannel channel, List<SubmitObservationsRequest> messages)
    {
        // As an administrator, signed with the key the service was started with (the gateway's role in production).
        var identity = new Metadata { { InternalIdentityToken.HeaderName, TestIdentity.Token(PlatformRoles.Admin, "", "benchmark") } };
        using var call = new LabourClient(channel).SubmitObservations(identity, deadline: DateTime.UtcNow.AddMinutes(30));
        foreach (var message in messages) await call.RequestStream.WriteAsync(message);
        await call.RequestStream.CompleteAsync();
        var answer = await call;
        var expected = messages.Sum(m => m.Rows.Count);
        if (answer.Accepted != expected) throw new InvalidOperationException($"accepted {answer.Accepted} of {expected}");
    }

    /// <summary>Row i: every key distinct (27 breakdowns × 16 units × 6 indicators per month, months from 1990-01).</summary>
    private static (string Indicator, string Unit, string Period, string Breakdown, double Value) RowAt(int i)
    {
        var breakdown = Breakdowns[i % Breakdowns.Length];
        var rest = i / Breakdowns.Length;
        var unit = Units[rest % Units.Length];
        rest /= Units.Length;
        var indicator = Indicators[rest % Indicators.Length];
        var month = rest / Indicators.Length;
        var period = $"{1990 + month / 12:0000}-{month % 12 + 1:00}";
        var value = indicator == "unemployment_rate" ? i % 1000 / 10.0 : i % 5000;
        return (indicator, unit, period, breakdown, value);
    }

    private static async Task WriteCsvAsync(string path, int rows)
    {
        await using var writer = new StreamWriter(path);
        var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        for (var i = 0; i < rows; i++)
        {
            var (indicator, unit, period, breakdown, value) = RowAt(i);
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{indicator},{unit},{period},month,{breakdown},1,{value},benchmark,baseline,{now}"));
        }
    }

    private static async Task PsqlCopyAsync(string connectionString, string csv)
    {
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo("psql")
        {
            ArgumentList =
            {
                "-h", c.Host!, "-p", c.Port.ToString(CultureInfo.InvariantCulture), "-U", c.Username!, "-d", c.Database!, "-v", "ON_ERROR_STOP=1", "-c",
                $"\\copy observations_baseline (indicator_code, unit_teryt, period, period_kind, breakdown, revision, value, source, batch_id, received_at) FROM '{csv}' WITH (FORMAT csv)",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PGPASSWORD"] = c.Password;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException("psql \\copy failed: " + await error);
    }
}
