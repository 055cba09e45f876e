using Platform.Testing;
using System.Buffers.Binary;
using Bench;
using Benchmarks.Harness;
using Google.Protobuf;

namespace Benchmarks.Grpc;

/// <summary>
/// Unary 1 KiB echo and a server stream of 1 KiB messages through Grpc.AspNetCore, hosted as the
/// platform's services host it (<see cref="BenchServers.StartGrpcAsync"/>), against (a) bare Kestrel
/// HTTP/2 echoing the same bytes and (b) a @grpc/grpc-js server, in one run, with load from h2load
/// in a separate process. Goals: ≥ 0.7× bare Kestrel's requests/s and ≥ 3× grpc-js, unary and stream.
/// Every target gets the same warm-up, long enough for tiered JIT to reach its optimised code on
/// each call path, and the measured runs are interleaved in rounds (see <see cref="Rounds"/>).
/// h2load runs on one thread and shares the machine, so when the server is fast enough the
/// client sets the pace; the server CPU time per call is printed as the load-independent cost.
/// </summary>
public sealed class GrpcTransportBenchmark : IBenchmark
{
    private const int StreamMessages = 100;
    private const string UnaryPath = "/bench.EchoService/Echo";
    private const string StreamPath = "/bench.EchoService/StreamEcho";
    private const string Served = "Grpc.AspNetCore";

    public string Name => "grpc";

    public async Task RunAsync(BenchmarkContext context)
    {
        var unaryBody = Frame(new EchoMessage { Payload = ByteString.CopyFrom(new byte[1024]) });
        var streamBody = Frame(new StreamRequest { Count = StreamMessages });
        var streamFrame = Frame(new EchoMessage { Payload = ByteString.CopyFrom(new byte[1024]) });

        using var split = new CpuSplit();
        H2Load.Prefix = split.LoadPrefix;
        if (split.Active) context.Report($"servers on core {split.ServerCore}, h2load on the others (taskset)");
        var (grpc, grpcAddress) = await BenchServers.StartGrpcAsync();
        var (bare, bareAddress) = await BenchServers.StartBareAsync(streamFrame);
        var nodeDir = Path.Combine(Repository.Root, "tests/Grpc.Interop.Tests/peers/node");
        await using var node = split.Active
            ? await ExternalProcess.StartAsync("/usr/bin/taskset", $"-c {split.ServerCore} node bench-echo-server.js --port 0", nodeDir, "READY ")
            : await ExternalProcess.StartAsync("node", "bench-echo-server.js --port 0", nodeDir, "READY ");
        var nodeAddress = new Uri($"http://127.0.0.1:{node.ReadyLine["READY ".Length..].Trim()}");
        try
        {
            Rounds.Target[] targets =
            [
                new(Served, grpcAddress, InProcess: true),
                new("bare Kestrel", bareAddress, InProcess: true),
                new("grpc-js", nodeAddress, InProcess: false),
            ];
            var rounds = context.Size(full: 5, smoke: 1);
            var unaryRequests = context.Size(full: 200_000, smoke: 400);
            var streamRequests = context.Size(full: 20_000, smoke: 20);
            // Warm-up of both call paths: JIT tiering, connection set-up, node's optimiser.
            foreach (var target in targets)
            {
                await H2Load.RunAsync("warm-up", new Uri(target.Address, UnaryPath), unaryBody, context.Size(150_000, 100), 8, 16);
                await H2Load.RunAsync("warm-up", new Uri(target.Address, StreamPath), streamBody, context.Size(6_000, 10), 4, 8);
            }
            // Then until the JIT is quiet: a method is promoted only after 30 calls once the
            // tiering delay has passed, so after one warm-up hundreds are still compiled, on the
            // servers' one core, during the measured runs (the side with more code lost most).
            var settled = await Rounds.SettleJitAsync(async () =>
            {
                foreach (var target in targets.Where(t => t.InProcess))
                {
                    await H2Load.RunAsync("settle", new Uri(target.Address, UnaryPath), unaryBody, context.Size(20_000, 10), 8, 16);
                    await H2Load.RunAsync("settle", new Uri(target.Address, StreamPath), streamBody, context.Size(1_000, 10), 4, 8);
                }
            }, maxBatches: context.Size(40, 1));
            context.Report($"JIT settled after {settled.Batches} extra warm-up batches ({settled.LastCompiled} methods compiled in the last)");

            context.Report($"unary 1 KiB echo, {unaryRequests} calls, 8 connections × 16 streams, {rounds} rounds:");
            var unary = await Rounds.MeasureAsync(targets, UnaryPath, unaryBody, unaryRequests, 8, 16, rounds);
            Print(context, unary, "calls/s");
            foreach (var target in targets.Where(t => t.InProcess))
                context.Report($"  per unary call in {target.Name}: allocated {Rounds.Median(unary[target.Name].Select(r => r.AllocatedPerCall)):0} bytes, " +
                               $"CPU {Rounds.Median(unary[target.Name].Select(r => r.CpuMicrosecondsPerCall)):0.00} µs (medians of rounds, whole server process)");

            context.Report($"server stream of {StreamMessages} × 1 KiB, {streamRequests} calls, 4 connections × 8 streams, {rounds} rounds:");
            var streams = await Rounds.MeasureAsync(targets, StreamPath, streamBody, streamRequests, 4, 8, rounds);
            Print(context, streams, "calls/s");
            context.Report($"  methods compiled during the measured runs: {Rounds.JitCompiledSince(settled)}");
            foreach (var target in targets.Where(t => t.InProcess))
                context.Report($"  per stream call in {target.Name}: allocated {Rounds.Median(streams[target.Name].Select(r => r.AllocatedPerCall)):0} bytes, " +
                               $"CPU {Rounds.Median(streams[target.Name].Select(r => r.CpuMicrosecondsPerCall)):0.0} µs (medians of rounds, whole server process)");
            context.Report($"  messages/s (median): {string.Join(", ", targets.Select(t => $"{t.Name} {Rounds.Median(streams[t.Name].Select(r => r.Result.RequestsPerSecond)) * StreamMessages:0}"))}");

            var failures = unary.Values.Concat(streams.Values).SelectMany(runs => runs).Sum(r => r.Result.Failed);
            if (failures > 0) throw new InvalidOperationException($"{failures} benchmark calls failed");
        }
        finally
        {
            await grpc.StopAsync();
            await bare.StopAsync();
        }
    }

    private static void Print(BenchmarkContext context, Dictionary<string, List<Rounds.Run>> runs, string unit)
    {
        foreach (var (target, list) in runs)
            for (var round = 0; round < list.Count; round++)
            {
                var r = list[round].Result;
                context.Report($"  {target,-15} #{round + 1} {r.RequestsPerSecond,10:0} {unit}  median {r.Latency.Median,7:0.000} ms  p99 {r.Latency.P99,7:0.000} ms  ({r.Succeeded} ok, {r.Failed} failed)");
            }
        context.Report("  " + Rounds.FormatRatio($"{Served} / bare Kestrel (goal ≥ 0.7)", runs[Served], runs["bare Kestrel"]));
        context.Report("  " + Rounds.FormatRatio($"{Served} / grpc-js (goal ≥ 3)", runs[Served], runs["grpc-js"]));
        context.Report($"  {unit} (median of rounds): {string.Join(", ", runs.Select(r => $"{r.Key} {Rounds.Median(r.Value.Select(x => x.Result.RequestsPerSecond)):0}"))}");
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
