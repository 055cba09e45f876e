using System.Diagnostics;
using Benchmarks.Harness;

namespace Benchmarks.Grpc;

/// <summary>
/// Interleaved measurement: every round runs each target once, starting with a different one
/// each round, so neither machine noise (two shared cores) nor a target's place in the order
/// favours one side; ratios are taken per round and their median reported.
/// </summary>
public static class Rounds
{
    public sealed record Target(string Name, Uri Address, bool InProcess);

    /// <summary>One measured run; allocation and CPU time per call are the whole server process's (in-process targets only).</summary>
    public sealed record Run(H2Load.Result Result, double AllocatedPerCall, double CpuMicrosecondsPerCall);

    public static async Task<Dictionary<string, List<Run>>> MeasureAsync(
        IReadOnlyList<Target> targets, string path, byte[] body, int requests, int clients, int streams, int rounds)
    {
        var runs = targets.ToDictionary(t => t.Name, _ => new List<Run>());
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < targets.Count; i++)
            {
                var target = targets[(round + i) % targets.Count];
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var result = await H2Load.RunAsync(target.Name, new Uri(target.Address, path), body, requests, clients, streams);
                var calls = (double)Math.Max(1, result.Succeeded);
                var allocated = (GC.GetTotalAllocatedBytes(precise: true) - before) / calls;
                var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMicroseconds / calls;
                runs[target.Name].Add(target.InProcess ? new Run(result, allocated, cpu) : new Run(result, double.NaN, double.NaN));
            }
        }
        return runs;
    }

    public sealed record JitSettling(int Batches, long LastCompiled, long CompiledAtEnd);

    /// <summary>
    /// Runs <paramref name="batch"/> until the process compiles fewer than a handful of methods
    /// during one (tiered JIT has promoted the hot paths), or <paramref name="maxBatches"/>.
    /// </summary>
    public static async Task<JitSettling> SettleJitAsync(Func<Task> batch, int maxBatches)
    {
        long compiled = 0;
        var batches = 0;
        while (batches < maxBatches)
        {
            var before = System.Runtime.JitInfo.GetCompiledMethodCount();
            await batch();
            await Task.Delay(200); // the tiering delay: let the background compiler catch up
            batches++;
            compiled = System.Runtime.JitInfo.GetCompiledMethodCount() - before;
            if (compiled < 5) break;
        }
        return new JitSettling(batches, compiled, System.Runtime.JitInfo.GetCompiledMethodCount());
    }

    public static long JitCompiledSince(JitSettling settled) => System.Runtime.JitInfo.GetCompiledMethodCount() - settled.CompiledAtEnd;

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>"what: rounds 0.91×, 0.88×, 0.95× → median ratio 0.91×".</summary>
    public static string FormatRatio(string what, List<Run> subject, List<Run> baseline)
    {
        var ratios = subject.Zip(baseline, (s, b) => s.Result.RequestsPerSecond / b.Result.RequestsPerSecond).ToList();
        return $"{what}: rounds {string.Join(", ", ratios.Select(r => $"{r:0.00}×"))} → median ratio {Median(ratios):0.00}×";
    }
}
