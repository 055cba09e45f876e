using System.Diagnostics;
using System.Text;

namespace Grpc.Interop.Tests.Infrastructure;

/// <summary>The outcome of a peer command.</summary>
internal sealed record PeerResult(int ExitCode, string StdOut, string StdErr, bool TimedOut)
{
    public string Describe(string what) =>
        $"{what} {(TimedOut ? "timed out" : $"exited with {ExitCode}")}\n--- stdout ---\n{StdOut.TrimEnd()}\n--- stderr ---\n{StdErr.TrimEnd()}";
}

/// <summary>Runs a peer program to completion (killed with its children on timeout).</summary>
internal static class PeerCommand
{
    public static ProcessStartInfo CreateStartInfo(string exe, string workingDirectory, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(exe)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        // Loopback only: no proxy may see these calls (grpcio honours http_proxy even for 127.0.0.1).
        foreach (var variable in new[] { "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "grpc_proxy", "GRPC_PROXY" })
        {
            info.Environment.Remove(variable);
        }
        info.Environment["no_proxy"] = "127.0.0.1,localhost";
        info.Environment["NO_PROXY"] = "127.0.0.1,localhost";
        info.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        return info;
    }

    public static PeerResult Run(string exe, string workingDirectory, IEnumerable<string> args, TimeSpan timeout) =>
        RunAsync(exe, workingDirectory, args, timeout).GetAwaiter().GetResult();

    public static async Task<PeerResult> RunAsync(string exe, string workingDirectory, IEnumerable<string> args, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = new Process { StartInfo = CreateStartInfo(exe, workingDirectory, args, environment) };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        process.WaitForExit(); // drains the async output readers
        string o, e;
        lock (stdout) { o = stdout.ToString(); }
        lock (stderr) { e = stderr.ToString(); }
        return new PeerResult(timedOut ? -1 : process.ExitCode, o, e, timedOut);
    }
}
