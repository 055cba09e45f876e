using Xunit.Abstractions;

namespace EndToEnd.Tests.Harness;

/// <summary>
/// Figures the end-to-end runs measure, written to .local/e2e-results.txt (deploy/test.sh prints the file)
/// and to the test output, since a quiet `dotnet test` shows neither console nor test output.
/// </summary>
public static class Results
{
    public static void Record(PlatformFixture platform, ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        var path = Path.Combine(platform.Root, ".local", "e2e-results.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.AppendAllText(path, $"[{DateTime.Now:HH:mm:ss}] {line}{Environment.NewLine}");
    }

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
