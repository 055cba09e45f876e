using Platform.ServiceDefaults.Identity;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Benchmarks.Harness;
using Catalogue.Api.Domain;
using Catalogue.Api.Extensions;
using Microsoft.AspNetCore.Builder;
using Npgsql;
using NpgsqlTypes;
using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Persistence;
using Platform.Testing;

namespace Benchmarks.Catalogue;

/// <summary>
/// Imports a synthetic strategy (5,000 directions, 10 years of entries each) through the service's
/// CSV import endpoint — validation, versioning, tree derivation and one outbox event per entry
/// included — and compares it with the same rows written by Npgsql binary COPY into the same schema.
/// Then times list/filter queries through REST against the equivalent hand-written SQL.
/// </summary>
public sealed class CatalogueImportBenchmark : IBenchmark
{
    public string Name => "catalogue-import";

    private const int FirstYear = 2021;

    public async Task RunAsync(BenchmarkContext context)
    {
        var directions = context.Size(5_000, 40);
        var years = context.Size(10, 2);
        var goals = context.Size(10, 2);
        var opsPerGoal = context.Size(10, 2);
        var shape = new Shape(goals, opsPerGoal, directions / (goals * opsPerGoal), years);
        context.Report($"synthetic strategy: {shape.Directions} directions × {years} years = {shape.Directions * years} entries, {shape.Nodes} nodes");

        var csv = shape.Csv();
        await using var database = await TestDatabase.CreateAsync("bench_catalogue");
        await using var vhost = await TestVirtualHost.CreateAsync("bench_catalogue");
        await using var host = await ServiceTestHost.StartAsync(
            [new("ConnectionStrings:Database", database.ConnectionString), .. TestIdentity.Settings, .. vhost.Settings(), new("DemoData:Import", "false")],
            b => { b.AddServiceDefaults(); b.AddApplicationServices(); },
            a => { a.MapDefaultEndpoints(); a.MapApplicationEndpoints(); });
        await TestRegister.LoadFullAsync(host.Services); // owners are checked against the TERYT register
        using var client = host.CreateHttpClient().As(PlatformRoles.Admin, "");
        client.Timeout = TimeSpan.FromMinutes(10);

        // The platform's path: one POST of the CSV.
        var start = Stopwatch.GetTimestamp();
        using var response = await client.PostAsync("api/v1/catalogue/strategies/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var importTime = Stopwatch.GetElapsedTime(start);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"import failed: {(int)response.StatusCode} {report}");
        var strategyId = report.GetProperty("strategyId").GetGuid();
        context.Report($"import through the service: {importTime.TotalSeconds:0.00} s ({report.GetProperty("entriesRecorded").GetInt32()} entries recorded, " +
            $"{shape.Directions * years / importTime.TotalSeconds:0} entries/s)");

        // The events go out after the commit: time until the relay has published every one of them (one per entry,
        // plus the strategy and its tree), and keep the relay's work out of the query timings below.
        await using (var serviceSource = database.CreateDataSource())
        {
            long pending;
            do
            {
                await Task.Delay(200);
                await using var count = serviceSource.CreateCommand("SELECT count(*) FROM outbox_messages WHERE published_at IS NULL AND dead_at IS NULL");
                pending = (long)(await count.ExecuteScalarAsync())!;
            } while (pending > 0);
            var drained = Stopwatch.GetElapsedTime(start);
            context.Report($"all {shape.Directions * years + 2} events published {drained.TotalSeconds:0.00} s after the import began " +
                $"({(drained - importTime).TotalSeconds:0.00} s after it returned)");
        }

        // The baseline: the same rows by binary COPY into a fresh database with the same schema.
        await using var baselineDb = await TestDatabase.CreateAsync("bench_catalogue_copy");
        await using var baselineSource = baselineDb.CreateDataSource();
        await MigrationRunner.ApplyAsync(baselineSource,
            [new MigrationSource("service", typeof(Extensions).Assembly), new MigrationSource("messaging", typeof(Platform.Messaging.Outbox.OutboxMessage).Assembly)],
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, CancellationToken.None);
        start = Stopwatch.GetTimestamp();
        var baselineStrategy = await shape.CopyAsync(baselineSource);
        var copyTime = Stopwatch.GetElapsedTime(start);
        context.Report($"baseline binary COPY of the same rows: {copyTime.TotalSeconds:0.00} s");
        context.Report(Ratio.Format("import time (s)", importTime.TotalSeconds, copyTime.TotalSeconds));

        // Queries: REST list/filter on the imported strategy vs the same SQL on the copied rows.
        var iterations = context.Size(30, 3);
        var middleYear = FirstYear + years / 2;
        var queries = new (string Name, string Query, string Sql)[]
        {
            ("first page, tree order", "", "SELECT * FROM strategy_nodes WHERE strategy_id = $1 AND kind = 'direction' ORDER BY sort_key LIMIT 50"),
            ($"status=partial&year={middleYear}", $"status=partial&year={middleYear}",
                $"""
                SELECT n.* FROM strategy_nodes n WHERE n.strategy_id = $1 AND n.kind = 'direction'
                  AND (SELECT e.status FROM monitoring_entries e WHERE e.direction_id = n.id AND e.year_from = {middleYear} AND e.year_to = {middleYear}
                       ORDER BY e.version DESC LIMIT 1) = 'partial'
                ORDER BY n.sort_key LIMIT 50
                """),
            ("free text q=libiaz", "q=libiaz", "SELECT * FROM strategy_nodes WHERE strategy_id = $1 AND kind = 'direction' AND search_text LIKE '%libiaz%' ORDER BY sort_key LIMIT 50"),
            ("page 40, pageSize 100", "page=40&pageSize=100", "SELECT * FROM strategy_nodes WHERE strategy_id = $1 AND kind = 'direction' ORDER BY sort_key OFFSET 3900 LIMIT 100"),
        };
        foreach (var (name, rest, sql) in queries)
        {
            var restSamples = await LatencySamples.MeasureAsync(iterations, async () =>
            {
                using var r = await client.GetAsync($"api/v1/catalogue/strategies/{strategyId}/directions?{rest}");
                r.EnsureSuccessStatusCode();
                await r.Content.ReadAsByteArrayAsync();
            }, warmup: 2);
            var sqlSamples = await LatencySamples.MeasureAsync(iterations, async () =>
            {
                await using var command = baselineSource.CreateCommand(sql);
                command.Parameters.AddWithValue(baselineStrategy);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) { }
            }, warmup: 2);
            context.Report($"list {name}: REST median {restSamples.Median:0.0} ms p99 {restSamples.P99:0.0} ms; SQL median {sqlSamples.Median:0.0} ms");
            context.Report(Ratio.Format($"list {name} median (ms)", restSamples.Median, sqlSamples.Median));
        }
    }

    /// <summary>goals → operational goals → directions ("3.7.42"), a few titles naming Libiąż, statuses cycling per year.</summary>
    private sealed record Shape(int Goals, int OpsPerGoal, int DirectionsPerOp, int Years)
    {
        public int Directions => Goals * OpsPerGoal * DirectionsPerOp;
        public int Nodes => Goals + Goals * OpsPerGoal + Directions;

        private static readonly string[] Statuses = [.. MonitoringStatus.All];

        private IEnumerable<(string Kind, string Code, string? Parent, string Title, int Order)> Tree()
        {
            for (var g = 1; g <= Goals; g++)
            {
                yield return ("strategic_goal", $"{g}", null, $"Cel strategiczny {g}", g);
                for (var o = 1; o <= OpsPerGoal; o++)
                {
                    yield return ("operational_goal", $"{g}.{o}", $"{g}", $"Cel operacyjny {g}.{o}", o);
                    for (var d = 1; d <= DirectionsPerOp; d++)
                        yield return ("direction", $"{g}.{o}.{d}", $"{g}.{o}",
                            d % 50 == 0 ? $"Modernizacja dróg w gminie Libiąż, odcinek {g}.{o}.{d}" : $"Kierunek interwencji {g}.{o}.{d}", d);
                }
            }
        }

        private static string Status(string code, int year) => Statuses[(Math.Abs(code.GetHashCode(StringComparison.Ordinal)) + year) % Statuses.Length];

        public string Csv()
        {
            var csv = new StringBuilder("strategy_code;strategy_name;owner_kind;owner_units;owner_name;period_from;period_to;kind;code;parent_code;title;order;implementers;year;status;conclusions\n");
            var first = true;
            foreach (var (kind, code, parent, title, order) in Tree())
            {
                var header = first ? $"bench;Strategia syntetyczna;powiat;1203;Powiat chrzanowski;{FirstYear};{FirstYear + Years - 1}" : ";;;;;;";
                first = false;
                if (kind != "direction") { csv.Append(CultureInfo.InvariantCulture, $"{header};{kind};{code};{parent};{title};{order};;;;\n"); continue; }
                for (var y = 0; y < Years; y++)
                    csv.Append(CultureInfo.InvariantCulture, $"{header};{kind};{code};{parent};{title};{order};JST|PUP;{FirstYear + y};{Status(code, y)};Opis realizacji {code} w roku {FirstYear + y}\n");
            }
            return csv.ToString();
        }

        /// <summary>The same strategy, nodes and entries as the import produces (derived columns included), by binary COPY.</summary>
        public async Task<Guid> CopyAsync(NpgsqlDataSource dataSource)
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var tx = await connection.BeginTransactionAsync();
            var strategyId = Guid.CreateVersion7();
            var now = DateTimeOffset.UtcNow;
            await using (var insert = new NpgsqlCommand("""
                INSERT INTO strategies (id, code, name, owner_kind, owner_units, owner_name, period_from, period_to, state, version, created_at, updated_at)
                VALUES ($1, 'bench', 'Strategia syntetyczna', 'powiat', '{1203}', 'Powiat chrzanowski', $2, $3, 'adopted', 1, now(), now())
                """, connection, tx))
            {
                insert.Parameters.AddWithValue(strategyId);
                insert.Parameters.AddWithValue(FirstYear);
                insert.Parameters.AddWithValue(FirstYear + Years - 1);
                await insert.ExecuteNonQueryAsync();
            }

            var ids = new Dictionary<string, (Guid Id, Guid[] Ancestors, string SortKey)>();
            var directionIds = new List<(Guid Id, string Code)>();
            await using (var nodes = await connection.BeginBinaryImportAsync(
                "COPY strategy_nodes (id, strategy_id, parent_id, kind, code, title, \"order\", depth, sort_key, ancestor_ids, implementers, area_wide, weight, indicators, forwarded_to, search_text, version, updated_at) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var (kind, code, parent, title, order) in Tree())
                {
                    var id = Guid.CreateVersion7();
                    var p = parent is null ? ((Guid Id, Guid[] Ancestors, string SortKey)?)null : ids[parent];
                    var sortKey = p is null ? $"{order:D5}" : $"{p.Value.SortKey}.{order:D5}";
                    Guid[] ancestors = p is null ? [] : [.. p.Value.Ancestors, p.Value.Id];
                    ids[code] = (id, ancestors, sortKey);
                    string[] implementers = kind == "direction" ? ["JST", "PUP"] : [];
                    if (kind == "direction") directionIds.Add((id, code));
                    await nodes.StartRowAsync();
                    await nodes.WriteAsync(id, NpgsqlDbType.Uuid);
                    await nodes.WriteAsync(strategyId, NpgsqlDbType.Uuid);
                    if (p is null) await nodes.WriteNullAsync(); else await nodes.WriteAsync(p.Value.Id, NpgsqlDbType.Uuid);
                    await nodes.WriteAsync(kind, NpgsqlDbType.Text);
                    await nodes.WriteAsync(code, NpgsqlDbType.Text);
                    await nodes.WriteAsync(title, NpgsqlDbType.Text);
                    await nodes.WriteAsync(order, NpgsqlDbType.Integer);
                    await nodes.WriteAsync(ancestors.Length, NpgsqlDbType.Integer);
                    await nodes.WriteAsync(sortKey, NpgsqlDbType.Text);
                    await nodes.WriteAsync(ancestors, NpgsqlDbType.Array | NpgsqlDbType.Uuid);
                    await nodes.WriteAsync(implementers, NpgsqlDbType.Array | NpgsqlDbType.Text);
                    await nodes.WriteAsync(false, NpgsqlDbType.Boolean);
                    await nodes.WriteNullAsync();
                    await nodes.WriteAsync("[]", NpgsqlDbType.Jsonb);
                    await nodes.WriteAsync(Array.Empty<Guid>(), NpgsqlDbType.Array | NpgsqlDbType.Uuid);
                    await nodes.WriteAsync(PolishText.Fold($"{code} {title} {string.Join(' ', implementers)}"), NpgsqlDbType.Text);
                    await nodes.WriteAsync(1, NpgsqlDbType.Integer);
                    await nodes.WriteAsync(now, NpgsqlDbType.TimestampTz);
                }
                await nodes.CompleteAsync();
            }

            await using (var entries = await connection.BeginBinaryImportAsync(
                "COPY monitoring_entries (id, direction_id, strategy_id, year_from, year_to, version, realized, status, status_text, description, conclusions, implementers, evidence_links, recorded_by, recorded_at) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var (id, code) in directionIds)
                {
                    for (var y = 0; y < Years; y++)
                    {
                        await entries.StartRowAsync();
                        await entries.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                        await entries.WriteAsync(id, NpgsqlDbType.Uuid);
                        await entries.WriteAsync(strategyId, NpgsqlDbType.Uuid);
                        await entries.WriteAsync(FirstYear + y, NpgsqlDbType.Integer);
                        await entries.WriteAsync(FirstYear + y, NpgsqlDbType.Integer);
                        await entries.WriteAsync(1, NpgsqlDbType.Integer);
                        await entries.WriteNullAsync();
                        await entries.WriteAsync(Status(code, y), NpgsqlDbType.Text);
                        await entries.WriteAsync(Status(code, y), NpgsqlDbType.Text);
                        await entries.WriteNullAsync();
                        await entries.WriteAsync($"Opis realizacji {code} w roku {FirstYear + y}", NpgsqlDbType.Text);
                        await entries.WriteAsync(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                        await entries.WriteAsync(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                        await entries.WriteAsync("import", NpgsqlDbType.Text);
                        await entries.WriteAsync(now, NpgsqlDbType.TimestampTz);
                    }
                }
                await entries.CompleteAsync();
            }
            await tx.CommitAsync();
            return strategyId;
        }
    }
}
