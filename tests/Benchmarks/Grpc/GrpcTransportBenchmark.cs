using System.Buffers.Binary;
using Bench;
using Benchmarks.Harness;
using Google.Protobuf;

namespace Benchmarks.Grpc;

/// <summary>
/// Issue 3: unary 1 KiB echo and a server stream of 1 KiB messages through Platform.Grpc, against
/// (a) bare Kestrel HTTP/2 echoing the same bytes and (b) a @grpc/grpc-js server, in one run, with
/// load from h2load in a separate process. Goals: ≥ 85% of bare Kestrel's requests/s, ≥ 2× grpc-js.
/// </summary>
public sealed class GrpcTransportBenchmark : IBenchmark
{
    private const int StreamMessages = 100;

    public string Name => "grpc";

    public async Task RunAsync(BenchmarkContext context)
    {
        var unaryBody = Frame(new EchoMessage { Payload = ByteString.CopyFrom(new byte[1024]) });
        var streamBody = Frame(new StreamRequest { Count = StreamMessages });
        var streamFrame = Frame(new EchoMessage { Payload = ByteString.CopyFrom(new byte[1024]) });

        var (ours, oursAddress) = await BenchServers.StartOursAsync();
        var (bare, bareAddress) = await BenchServers.StartBareAsync(streamFrame);
        var nodeDir = Path.Combine(Repository.Root, "tests/Grpc.Interop.Tests/peers/node");
        await using var node = await ExternalProcess.StartAsync("node", "bench-echo-server.js --port 0", nodeDir, "READY ");
        var nodeAddress = new Uri($"http://127.0.0.1:{node.ReadyLine["READY ".Length..].Trim()}");
        try
        {
            var unaryRequests = context.Size(full: 200_000, smoke: 400);
            var streamRequests = context.Size(full: 4_000, smoke: 20);
            // Warm-up: JIT, connection set-up, node's optimiser.
            foreach (var address in new[] { oursAddress, bareAddress, nodeAddress })
                await H2Load.RunAsync("warm-up", new Uri(address, "/bench.EchoService/Echo"), unaryBody, context.Size(20_000, 100), 4, 8);

            context.Report($"unary 1 KiB echo, {unaryRequests} calls, 8 connections × 16 streams:");
            var unary = new List<(H2Load.Result Result, double AllocatedPerCall)>();
            foreach (var (name, address) in Targets(oursAddress, bareAddress, nodeAddress))
            {
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var result = await H2Load.RunAsync(name, new Uri(address, "/bench.EchoService/Echo"), unaryBody, unaryRequests, 8, 16);
                var allocated = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)Math.Max(1, result.Succeeded);
                unary.Add((result, name == "grpc-js" ? double.NaN : allocated));
            }
            Print(context, unary.Select(u => u.Result), "calls/s");
            foreach (var (result, perCall) in unary.Where(u => !double.IsNaN(u.AllocatedPerCall)))
                context.Report($"  allocated per unary call in {result.Target}: {perCall:0} bytes (whole server process)");

            context.Report($"server stream of {StreamMessages} × 1 KiB, {streamRequests} calls, 4 connections × 8 streams:");
            var streams = new List<H2Load.Result>();
            foreach (var (name, address) in Targets(oursAddress, bareAddress, nodeAddress))
                streams.Add(await H2Load.RunAsync(name, new Uri(address, "/bench.EchoService/StreamEcho"), streamBody, streamRequests, 4, 8));
            Print(context, streams, "calls/s");
            context.Report($"  messages/s: {string.Join(", ", streams.Select(s => $"{s.Target} {s.RequestsPerSecond * StreamMessages:0}"))}");

            var failures = unary.Sum(u => u.Result.Failed) + streams.Sum(s => s.Failed);
            if (failures > 0) throw new InvalidOperationException($"{failures} benchmark calls failed");
        }
        finally
        {
            await ours.StopAsync();
            await bare.StopAsync();
        }
    }

    private static IEnumerable<(string Name, Uri Address)> Targets(Uri ours, Uri bare, Uri node) =>
        [("Platform.Grpc", ours), ("bare Kestrel", bare), ("grpc-js", node)];

    private static void Print(BenchmarkContext context, IEnumerable<H2Load.Result> results, string unit)
    {
        var list = results.ToList();
        foreach (var r in list)
            context.Report($"  {r.Target,-14} {r.RequestsPerSecond,10:0} {unit}  median {r.Latency.Median,7:0.000} ms  p99 {r.Latency.P99,7:0.000} ms  ({r.Succeeded} ok, {r.Failed} failed)");
        var ours = list[0];
        context.Report("  " + Ratio.Format("Platform.Grpc / bare Kestrel (goal ≥ 0.85)", ours.RequestsPerSecond, list[1].RequestsPerSecond));
        context.Report("  " + Ratio.Format("Platform.Grpc / grpc-js (goal ≥ 2)", ours.RequestsPerSecond, list[2].RequestsPerSecond));
    }

    /// <summary>A gRPC length-prefixed message: flag 0, big-endian length, bytes.</summary>
    private static byte[] Frame(IMessage message)
    {
        var payload = message.ToByteArray();
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }
}
