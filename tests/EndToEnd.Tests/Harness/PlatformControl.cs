using System.Diagnostics;
using System.Net;

namespace EndToEnd.Tests.Harness;

/// <summary>
/// What an operator (or a fault) does to the running platform: kill and start a service through
/// deploy/run.sh, stop and start RabbitMQ, restart PostgreSQL. Needs root (or passwordless sudo), as
/// deploy/run.sh does.
/// </summary>
public sealed class PlatformControl(PlatformFixture platform)
{
    public Task KillAsync(string service) => RunAsync("bash", Path.Combine(platform.Root, "deploy", "run.sh"), "kill", service);
    public Task StartServiceAsync(string service) => RunAsync("bash", Path.Combine(platform.Root, "deploy", "run.sh"), "start-service", service);

    public Task StopRabbitMqAsync() => AsRootAsync("service", "rabbitmq-server", "stop");

    public async Task StartRabbitMqAsync()
    {
        await AsRootAsync("service", "rabbitmq-server", "start");
        await AsRootAsync("rabbitmqctl", "-q", "await_startup");
    }

    public async Task RestartPostgresAsync()
    {
        await AsRootAsync("service", "postgresql", "restart");
        for (var i = 0; i < 60; i++)
        {
            try { await RunAsync("pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"); return; }
            catch (InvalidOperationException) { await Task.Delay(500); }
        }
        throw new InvalidOperationException("PostgreSQL did not come back within 30 s");
    }

    /// <summary>Waits until the gateway's /healthz says every service, database and broker is healthy.</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = platform.Http(timeout: TimeSpan.FromSeconds(10));
        var deadline = DateTime.UtcNow + timeout;
        var last = "";
        while (true)
        {
            try
            {
                using var response = await http.GetAsync("healthz");
                if (response.StatusCode == HttpStatusCode.OK) return;
                last = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { last = ex.Message; }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"/healthz not healthy after {timeout.TotalSeconds:0} s; last answer {last}");
            await Task.Delay(500);
        }
    }

    private static Task AsRootAsync(string file, params string[] args) =>
        Environment.UserName == "root" ? RunAsync(file, args) : RunAsync("sudo", [file, .. args]);

    private static async Task RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {await error}{await output}");
    }
}
