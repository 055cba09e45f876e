using System.Diagnostics;
using Grpc.Net.Client;
using Benchmarks.Harness;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.ServiceDefaults.Hosting;
using Platform.Testing;
using Zones.Api.Application;
using Zones.Api.Persistence;
using ZonesPb = Platform.Contracts.Zones.V1;
using ZonesWiring = Zones.Api.Extensions.Extensions;

namespace Benchmarks.Zones;

/// <summary>
/// Issue 6: the typical planner query (available area, water and sewage, motorway distance, within a
/// radius of a town, sorted by distance, first page) on 10,000 synthetic zones spread over Poland,
/// through the Zones service over real sockets (REST on HTTP/1.1 and gRPC on h2c), against the very
/// SQL the service builds, run directly on PostgreSQL in the same run. Goal: the service adds less
/// than 50% to the raw query's median.
/// </summary>
public sealed class ZonesQueryBenchmark : IBenchmark
{
    public string Name => "zones";

    // Town centres the planners query around, visited in turn by every path.
    private static readonly (string Name, double Lon, double Lat)[] Towns =
    [
        ("Kraków", 19.94, 50.06), ("Warszawa", 21.01, 52.23), ("Wrocław", 17.03, 51.11), ("Poznań", 16.93, 52.41),
        ("Gdańsk", 18.65, 54.35), ("Łódź", 19.46, 51.76), ("Katowice", 19.02, 50.26), ("Lublin", 22.57, 51.25),
        ("Rzeszów", 22.00, 50.04), ("Białystok", 23.16, 53.13), ("Szczecin", 14.55, 53.43), ("Chrzanów", 19.40, 50.14),
    ];

    public async Task RunAsync(BenchmarkContext context)
    {
        var zones = context.Size(full: 10_000, smoke: 300);
        var iterations = context.Size(full: 600, smoke: 24);
        var warmup = context.Size(full: 60, smoke: 6);

        await using var database = await TestDatabase.CreateAsync("zonesbench");
        await using var vhost = await TestVirtualHost.CreateAsync("zonesbench");
        await using var host = await ServiceTestHost.StartAsync(
            [new("ConnectionStrings:Database", database.ConnectionString), .. vhost.Settings(), new("DemoData:Import", "false")],
            builder =>
            {
                builder.AddServiceDefaults();
                ZonesWiring.AddApplicationServices(builder);
            },
            app =>
            {
                app.MapDefaultEndpoints();
                ZonesWiring.MapApplicationEndpoints(app);
            });

        await TestRegister.LoadFullAsync(host.Services); // answers name gminy and powiaty from the register
        var seeding = Stopwatch.StartNew();
        await SeedAsync(database, zones);
        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ZoneStore>().RefreshMotorwayAsync(null, default);
        await using var raw = database.CreateDataSource();
        await using (var analyze = raw.CreateCommand("ANALYZE zones; ANALYZE reference_places")) await analyze.ExecuteNonQueryAsync();
        context.Report($"seeded {zones} zones, 80 junctions in {seeding.Elapsed.TotalSeconds:0.0} s");

        var criteria = Towns.Select(t => new ZoneSearchCriteria
        {
            Near = new GeoPoint(t.Lon, t.Lat), RadiusKm = 50, MinAvailableHa = 5, Utilities = ["water", "sewage"],
            MaxMotorwayKm = 25, Sort = "distance", Page = 1, PageSize = 20,
        }).ToArray();
        var urls = Towns.Select(t =>
            $"api/v1/zones?near={t.Lon.ToString(System.Globalization.CultureInfo.InvariantCulture)},{t.Lat.ToString(System.Globalization.CultureInfo.InvariantCulture)}" +
            "&radiusKm=50&minAvailableHa=5&utilities=water,sewage&maxMotorwayKm=25&sort=distance&page=1&pageSize=20").ToArray();
        var grpcRequests = Towns.Select(t =>
        {
            var r = new ZonesPb.SearchZonesRequest { Near = new ZonesPb.Point { Lon = t.Lon, Lat = t.Lat }, RadiusKm = 50, MinAvailableHa = 5, MaxMotorwayKm = 25, Sort = "distance", Page = 1, PageSize = 20 };
            r.Utilities.Add(["water", "sewage"]);
            return r;
        }).ToArray();

        using var http = host.CreateHttpClient();
        using var channel = GrpcChannel.ForAddress(host.GrpcAddress);
        var client = new ZonesPb.Zones.ZonesClient(channel);

        var rows = 0L;
        var i = 0;
        async Task Sql()
        {
            await using var command = ZoneSearchSql.Build(criteria[i++ % criteria.Length], withGeoJson: false);
            await using var connection = await raw.OpenConnectionAsync();
            command.Connection = connection;
            await using var reader = await command.ExecuteReaderAsync();
            var values = new object[reader.FieldCount];
            while (await reader.ReadAsync()) { reader.GetValues(values); rows++; }
        }
        var j = 0;
        async Task Rest()
        {
            using var response = await http.GetAsync(urls[j++ % urls.Length]);
            response.EnsureSuccessStatusCode();
            _ = await response.Content.ReadAsByteArrayAsync();
        }
        var k = 0;
        async Task Grpc() => _ = await client.SearchZonesAsync(grpcRequests[k++ % grpcRequests.Length]);

        // Same answers on every path, or the comparison means nothing.
        var totals = new List<int>();
        foreach (var request in grpcRequests)
            totals.Add((await client.SearchZonesAsync(request)).Total);
        context.Report($"matching zones per town: min {totals.Min()}, mean {totals.Average():0.0}, max {totals.Max()} (page of up to 20 returned)");
        if (!context.Smoke && totals.Sum() == 0) throw new InvalidOperationException("the planner query matches nothing: the benchmark would measure empty answers");

        // Interleaved rounds, so drifts (autovacuum, CPU frequency) hit all three paths alike.
        var sql = new LatencySamples();
        var rest = new LatencySamples();
        var grpc = new LatencySamples();
        for (var w = 0; w < warmup; w++) { await Sql(); await Rest(); await Grpc(); }
        for (var n = 0; n < iterations; n++)
        {
            sql.Add(await Time(Sql));
            rest.Add(await Time(Rest));
            grpc.Add(await Time(Grpc));
        }
        context.Report($"planner query (filters + 50 km radius + distance sort + first page of 20), {iterations} calls each, sequential:");
        foreach (var (name, s) in new[] { ("SQL direct (Npgsql)", sql), ("REST via service", rest), ("gRPC via service", grpc) })
            context.Report($"  {name,-20} median {s.Median:0.000} ms, p99 {s.P99:0.000} ms");
        context.Report(Ratio.Format("REST median ms", rest.Median, sql.Median));
        context.Report(Ratio.Format("gRPC median ms", grpc.Median, sql.Median));
        context.Report($"service adds: REST {(rest.Median / sql.Median - 1) * 100:0}%, gRPC {(grpc.Median / sql.Median - 1) * 100:0}% to the raw median (goal < 50%)");
    }

    private static async Task<TimeSpan> Time(Func<Task> action)
    {
        var start = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(start);
    }

    /// <summary>Junctions and zones in synthetic gminy (codes outside the register: shown by code), written straight into the service's schema (deterministic: seeded random).</summary>
    private static async Task SeedAsync(TestDatabase database, int zones)
    {
        await using var dataSource = database.CreateDataSource();
        await using var command = dataSource.CreateCommand("""
            SELECT setseed(0.42);
            INSERT INTO reference_places (id, code, kind, name, road, approximate, location)
            SELECT gen_random_uuid(), 'bench-junction-' || i, 'motorway_junction', 'Węzeł ' || i, 'A' || (i % 4 + 1), true,
                   ST_SetSRID(ST_MakePoint(14.5 + random() * 9.2, 49.4 + random() * 5.0), 4326)
            FROM generate_series(1, 80) i;
            INSERT INTO zones (id, name, gmina_teryt, kind, state, total_area_ha, available_area_ha, computed_area_ha, year_established,
                sse_name, psi_eligible, zoning_designation, utilities, railway_siding, ownership, price_min_pln_m2, price_max_pln_m2,
                description, approximate_boundary, boundary, version, created_at, updated_at)
            SELECT gen_random_uuid(), 'Strefa ' || i, '99' || lpad((1 + i % 40)::text, 2, '0') || lpad((1 + (i / 40) % 10)::text, 2, '0') || '1',
                   (ARRAY['sag','sse_subzone','industrial_park','brownfield'])[1 + i % 4],
                   (ARRAY['operating','expanding','in_preparation','planned'])[1 + (i / 4) % 4],
                   round((ST_Area(ST_Transform(b.g, 2180)) / 10000)::numeric, 4),
                   round((ST_Area(ST_Transform(b.g, 2180)) / 10000 * random())::numeric, 4),
                   round((ST_Area(ST_Transform(b.g, 2180)) / 10000)::numeric, 4),
                   2000 + i % 25, CASE WHEN i % 3 = 0 THEN 'Specjalna Strefa Ekonomiczna' END, i % 2 = 0, 'P/U',
                   jsonb_build_object('water', CASE WHEN random() < 0.7 THEN 'available' ELSE 'planned' END,
                                      'sewage', CASE WHEN random() < 0.6 THEN 'available' ELSE 'on_boundary' END,
                                      'electricity', 'available'),
                   i % 5 = 0, (ARRAY['municipal','state','private','mixed'])[1 + i % 4],
                   round((20 + random() * 200)::numeric, 2), NULL, 'Strefa syntetyczna do testów wydajności.', true,
                   b.g, 1, now(), now()
            FROM generate_series(1, @zones) i,
                 -- "i * 0" ties the random draws to each row (an uncorrelated LATERAL would be evaluated once).
                 LATERAL (SELECT 14.3 + random() * 9.6 + i * 0 AS lon, 49.2 + random() * 5.4 AS lat, 0.002 + random() * 0.012 AS half) c,
                 LATERAL (SELECT ST_Multi(ST_MakeEnvelope(c.lon - c.half * 1.5, c.lat - c.half, c.lon + c.half * 1.5, c.lat + c.half, 4326)) AS g) b;
            """);
        command.Parameters.AddWithValue("zones", zones);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }
}
