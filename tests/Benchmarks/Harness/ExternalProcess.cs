using System.Diagnostics;

namespace Benchmarks.Harness;

/// <summary>A helper process (a peer server) started for a benchmark and killed with it.</summary>
public sealed class ExternalProcess : IAsyncDisposable
{
    private readonly Process _process;
    public string ReadyLine { get; }

    private ExternalProcess(Process process, string readyLine)
    {
        _process = process;
        ReadyLine = readyLine;
    }

    /// <summary>Starts the program and waits for a line starting with <paramref name="readyPrefix"/>.</summary>
    public static async Task<ExternalProcess> StartAsync(string file, string arguments, string workingDirectory, string readyPrefix)
    {
        var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"could not start {file}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null)
                throw new InvalidOperationException($"{file} {arguments} exited: {await process.StandardError.ReadToEndAsync()}");
            if (line.StartsWith(readyPrefix, StringComparison.Ordinal)) return new ExternalProcess(process, line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
