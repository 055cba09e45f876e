namespace Benchmarks.Harness;

/// <summary>
/// One benchmark: measures the platform's path and a baseline in the same run and reports both
/// and their ratio. In smoke mode (CI) it runs a tiny workload so it cannot rot; figures from a
/// smoke run mean nothing.
/// </summary>
public interface IBenchmark
{
    /// <summary>Short name used on the command line, e.g. "grpc" or "catalogue-import".</summary>
    string Name { get; }
    Task RunAsync(BenchmarkContext context);
}

public sealed class BenchmarkContext(bool smoke, TextWriter output)
{
    public bool Smoke { get; } = smoke;
    public TextWriter Output { get; } = output;

    /// <summary>Picks the workload size for the mode.</summary>
    public int Size(int full, int smoke) => Smoke ? smoke : full;

    public void Report(string line) => Output.WriteLine(line);
}
