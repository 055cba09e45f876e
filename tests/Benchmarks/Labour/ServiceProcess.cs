using System.Diagnostics;
using System.Globalization;
using Benchmarks.Harness;
using Platform.Testing;

namespace Benchmarks.Labour;

/// <summary>
/// LabourMarket.Api as a separate process (<c>dotnet LabourMarket.Api.dll</c>, configured by environment
/// variables), so its memory can be read from /proc without the benchmark's own allocations in it.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    public Uri HttpAddress { get; }
    public Uri GrpcAddress { get; }
    /// <summary>The service's log lines about accepted batches (JSON), with its own phase timings.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> BatchLog { get; } = new();
    /// <summary>Its error log lines (JSON), shown when the benchmark fails.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> ErrorLog { get; } = new();

    private ServiceProcess(Process process, Uri http, Uri grpc)
    {
        _process = process;
        HttpAddress = http;
        GrpcAddress = grpc;
    }

    /// <summary>
    /// Starts the service on two free ports; a start that dies at once (another process took a port between the check
    /// and Kestrel's bind) is tried again on new ports, up to three times, and the last failure says what stderr said.
    /// </summary>
    public static async Task<ServiceProcess> StartAsync(TestDatabase database, TestVirtualHost vhost)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await StartOnceAsync(database, vhost); }
            catch (ExitedException) when (attempt < 3) { }
        }
    }

    private sealed class ExitedException(string message) : InvalidOperationException(message);

    private static async Task<ServiceProcess> StartOnceAsync(TestDatabase database, TestVirtualHost vhost)
    {
        // The same configuration as the benchmark's own build (bin/Release or bin/Debug).
        var configuration = AppContext.BaseDirectory.Contains("/bin/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
        var dll = Path.Combine(Repository.Root, "services/LabourMarket/LabourMarket.Api/bin", configuration, "net10.0/LabourMarket.Api.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("build LabourMarket.Api first", dll);
        var http = new Uri($"http://127.0.0.1:{ServiceTestHost.FreePort()}/");
        var grpc = new Uri($"http://127.0.0.1:{ServiceTestHost.FreePort()}/");
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\"")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var env = start.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["ConnectionStrings__Database"] = database.ConnectionString;
        foreach (var (key, value) in Platform.Testing.TestIdentity.Settings) env[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        foreach (var (key, value) in vhost.Settings()) env[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        env["Kestrel__Endpoints__Http__Url"] = http.ToString().TrimEnd('/');
        env["Kestrel__Endpoints__Grpc__Url"] = grpc.ToString().TrimEnd('/');
        env["DemoData__Import"] = "false";
        env["Logging__LogLevel__Default"] = "Warning";
        env["Logging__LogLevel__LabourMarket.Api.Application.SubmitObservations"] = "Information";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + dll);
        var service = new ServiceProcess(process, http, grpc);
        // Drain the output so the child never blocks on a full pipe; keep the batch timings it logs.
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("\"Batch ", StringComparison.Ordinal) == true) service.BatchLog.Enqueue(e.Data);
            if (e.Data?.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal) == true) service.ErrorLog.Enqueue(e.Data);
        };
        var stderr = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            stderr.Enqueue(e.Data);
            while (stderr.Count > 20 && stderr.TryDequeue(out var _)) { }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = http };
        for (var i = 0; i < 120; i++)
        {
            if (process.HasExited)
                throw new ExitedException($"LabourMarket.Api exited with {process.ExitCode}: {string.Join(" | ", stderr)}");
            try
            {
                if ((await client.GetAsync("health/ready")).IsSuccessStatusCode) return service;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            await Task.Delay(500);
        }
        await service.DisposeAsync();
        throw new TimeoutException("LabourMarket.Api did not become ready in 60 s");
    }

    /// <summary>A line of /proc/&lt;pid&gt;/status in MB, e.g. VmHWM (peak resident set) or VmRSS.</summary>
    public double MemoryMb(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (!line.StartsWith(field + ":", StringComparison.Ordinal)) continue;
            var kb = long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            return kb / 1024.0;
        }
        return double.NaN;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
