using System.Diagnostics;

namespace Benchmarks.Harness;

/// <summary>Latency samples and the figures every benchmark prints.</summary>
public sealed class LatencySamples
{
    private readonly List<double> _ms = [];

    public void Add(TimeSpan elapsed) { lock (_ms) _ms.Add(elapsed.TotalMilliseconds); }
    public void AddMs(double ms) { lock (_ms) _ms.Add(ms); }
    public int Count => _ms.Count;

    public double Percentile(double p)
    {
        lock (_ms)
        {
            if (_ms.Count == 0) return double.NaN;
            var sorted = _ms.Order().ToArray();
            var index = (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1;
            return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
        }
    }

    public double Median => Percentile(50);
    public double P99 => Percentile(99);

    public static async Task<LatencySamples> MeasureAsync(int iterations, Func<Task> action, int warmup = 0)
    {
        for (var i = 0; i < warmup; i++) await action();
        var samples = new LatencySamples();
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await action();
            samples.Add(Stopwatch.GetElapsedTime(start));
        }
        return samples;
    }
}

public static class Ratio
{
    /// <summary>"subject / baseline = 1.23×", the line every benchmark ends with.</summary>
    public static string Format(string what, double subject, double baseline) =>
        $"{what}: {subject:0.###} vs baseline {baseline:0.###} → ratio {(baseline == 0 ? double.NaN : subject / baseline):0.00}×";
}
