using Benchmarks.Harness;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Grpc.Net.Client;
using Platform.ServiceDefaults.Hosting;
using Platform.Testing;
using GatewayWiring = Gateway.Extensions.Extensions;
using ZonesPb = Platform.Contracts.Zones.V1;
using ZonesWiring = Zones.Api.Extensions.Extensions;

namespace Benchmarks.Gateway;

/// <summary>
/// Issue 8: the same zone query (REST) and a unary gRPC call, straight to the Zones service and
/// through the gateway (YARP, authentication, rate limiting, access log), interleaved in one run
/// over real sockets. Goal: the gateway adds under 1 ms to the median.
/// </summary>
public sealed class GatewayOverheadBenchmark : IBenchmark
{
    private const string ZoneQuery = "api/v1/zones?minAvailableHa=5&sort=-area&page=1&pageSize=20";

    public string Name => "gateway";

    public async Task RunAsync(BenchmarkContext context)
    {
        var iterations = context.Size(full: 2_000, smoke: 40);
        var warmup = context.Size(full: 200, smoke: 5);

        await using var zonesDb = await TestDatabase.CreateAsync("gwbenchzones");
        await using var gatewayDb = await TestDatabase.CreateAsync("gwbenchgw");
        await using var vhost = await TestVirtualHost.CreateAsync("gwbench");
        await using var zones = await ServiceTestHost.StartAsync(
            [new("ConnectionStrings:Database", zonesDb.ConnectionString), .. TestIdentity.Settings, .. vhost.Settings(), new("DemoData:Import", "false")],
            builder => { builder.AddServiceDefaults(); ZonesWiring.AddApplicationServices(builder); },
            app => { app.MapDefaultEndpoints(); ZonesWiring.MapApplicationEndpoints(app); });
        await using var gateway = await ServiceTestHost.StartAsync(
            [
                new("ConnectionStrings:Database", gatewayDb.ConnectionString), .. TestIdentity.Settings,
                new("Services:zones:Http", zones.HttpAddress.ToString()), new("Services:zones:Grpc", zones.GrpcAddress.ToString()),
                new("RateLimiting:PermitsPerMinute", "100000000"),
            ],
            builder => { builder.AddServiceDefaults(); GatewayWiring.AddGatewayServices(builder); },
            app => { app.MapDefaultEndpoints(serviceOpenApi: false); GatewayWiring.MapGatewayEndpoints(app); });

        using var directHttp = zones.CreateHttpClient();
        using var gatewayHttp = gateway.CreateHttpClient();
        // The demo zones, imported once the register (which names their gminy) is in the service's copy.
        await TestRegister.LoadFullAsync(zones.Services);
        await zones.Services.GetServices<IHostedService>().OfType<global::Zones.Api.DemoData.DemoDataImporter>().Single().ImportAsync(default);
        using var directGrpc = GrpcChannel.ForAddress(zones.GrpcAddress);
        using var gatewayGrpc = GrpcChannel.ForAddress(gateway.GrpcAddress);
        var directZones = new ZonesPb.Zones.ZonesClient(directGrpc);
        var gatewayZones = new ZonesPb.Zones.ZonesClient(gatewayGrpc);
        var request = new ZonesPb.GetSummaryRequest { Powiat = "1203" };

        async Task Rest(HttpClient client) => (await client.GetAsync(ZoneQuery)).EnsureSuccessStatusCode().Dispose();
        async Task Grpc(ZonesPb.Zones.ZonesClient client) => _ = await client.GetSummaryAsync(request);

        // Correctness first: both paths answer the same.
        var direct = await directHttp.GetStringAsync(ZoneQuery);
        var proxied = await gatewayHttp.GetStringAsync(ZoneQuery);
        if (direct != proxied) throw new InvalidOperationException("the gateway's answer differs from the service's");

        for (var i = 0; i < warmup; i++)
        {
            await Rest(directHttp); await Rest(gatewayHttp); await Grpc(directZones); await Grpc(gatewayZones);
        }
        var restDirect = new LatencySamples();
        var restGateway = new LatencySamples();
        var grpcDirect = new LatencySamples();
        var grpcGateway = new LatencySamples();
        for (var i = 0; i < iterations; i++)
        {
            await Time(restDirect, () => Rest(directHttp));
            await Time(restGateway, () => Rest(gatewayHttp));
            await Time(grpcDirect, () => Grpc(directZones));
            await Time(grpcGateway, () => Grpc(gatewayZones));
        }

        context.Report($"{iterations} calls of each, interleaved (median / p99 in ms):");
        Print(context, "REST zone query", restDirect, restGateway);
        Print(context, "gRPC unary GetSummary", grpcDirect, grpcGateway);
    }

    private static async Task Time(LatencySamples samples, Func<Task> call)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        await call();
        samples.Add(System.Diagnostics.Stopwatch.GetElapsedTime(start));
    }

    private static void Print(BenchmarkContext context, string what, LatencySamples direct, LatencySamples gateway)
    {
        context.Report($"  {what,-22} direct {direct.Median,7:0.000} / {direct.P99,7:0.000}   through gateway {gateway.Median,7:0.000} / {gateway.P99,7:0.000}");
        context.Report($"  {what,-22} gateway adds {gateway.Median - direct.Median:0.000} ms to the median (goal < 1 ms); " +
                       Ratio.Format("median", gateway.Median, direct.Median));
    }
}
