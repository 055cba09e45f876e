using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Xunit.Sdk;

namespace Grpc.Interop.Tests.Infrastructure;

/// <summary>
/// A peer server process on a free loopback port (it binds port 0 and prints "READY port").
/// Killed with its children on dispose.
/// </summary>
internal sealed partial class PeerServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PeerServer(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public int Port { get; private set; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<PeerServer> StartAsync(string name, string exe, string workingDirectory, IEnumerable<string> args)
    {
        var process = new Process { StartInfo = PeerCommand.CreateStartInfo(exe, workingDirectory, args), EnableRaisingEvents = true };
        var server = new PeerServer(process, name);
        var ready = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            server.Append(e.Data);
            var match = ReadyLine().Match(e.Data);
            if (match.Success)
            {
                ready.TrySetResult(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                server.Append(e.Data);
            }
        };
        process.Exited += (_, _) => ready.TrySetException(new XunitException($"{name} exited before it was ready."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            server.Port = await ready.Task.WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw new XunitException($"{name} did not start: {ex.Message}\n--- output ---\n{server.Output}");
        }
        return server;
    }

    private void Append(string line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
        }
        catch (TimeoutException)
        {
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"^READY (\d+)\s*$")]
    private static partial Regex ReadyLine();
}
