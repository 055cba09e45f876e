using System.Collections.Concurrent;
using System.Diagnostics;

namespace EndToEnd.Tests.Harness;

/// <summary>pup-feed run as the labour office runs it: its own process, through the gateway, with the office's API key.</summary>
public sealed class FeederProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private FeederProcess(Process process) => _process = process;

    public IReadOnlyCollection<string> Lines => _lines;
    public string Output => string.Join('\n', _lines);

    public static FeederProcess Start(PlatformFixture platform, string file, string source, int retries = 10)
    {
        var dll = Path.Combine(platform.Root, "services", "LabourMarket", "PupFeed", "bin", "Release", "net10.0", "pup-feed.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: deploy/run.sh builds it (Release).");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { dll, "send", file, "--address", platform.GatewayGrpc.ToString(), "--source", source,
                     "--retries", retries.ToString(), "--retry-delay", "1" })
            info.ArgumentList.Add(arg);
        // The key goes in the environment, as deploy/pup-feed/README.md says, never on the command line.
        info.Environment["PUP_FEED_API_KEY"] = platform.Credential("PUP_CHRZANOW_API_KEY");
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var feeder = new FeederProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) feeder._lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) feeder._lines.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return feeder;
    }

    public async Task WaitForLineAsync(Func<string, bool> predicate, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!_lines.Any(predicate))
        {
            if (_process.HasExited && !_lines.Any(predicate)) throw new Xunit.Sdk.XunitException($"pup-feed exited ({_process.ExitCode}) before {what}:\n{Output}");
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"Timed out waiting for pup-feed to show {what}:\n{Output}");
            await Task.Delay(50);
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { throw new Xunit.Sdk.XunitException($"pup-feed still running after {timeout.TotalSeconds:0} s:\n{Output}"); }
        _process.WaitForExit(); // drains the output events
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) { _process.Kill(entireProcessTree: true); await _process.WaitForExitAsync(); }
        _process.Dispose();
    }
}
