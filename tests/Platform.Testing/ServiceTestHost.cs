using System.Net;
using System.Net.Sockets;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.Testing;

/// <summary>
/// A service (or the gateway) running in the test process on real loopback sockets: an HTTP/1.1
/// endpoint for REST and health, and an h2c endpoint for gRPC, wired by the same extension methods
/// as its Program.cs. Configuration comes only from <c>settings</c> (no appsettings.json), so a
/// test states everything it depends on.
/// </summary>
public sealed class ServiceTestHost : IAsyncDisposable
{
    public required WebApplication App { get; init; }
    public required Uri HttpAddress { get; init; }
    public required Uri GrpcAddress { get; init; }
    public IServiceProvider Services => App.Services;

    public static async Task<ServiceTestHost> StartAsync(
        IEnumerable<KeyValuePair<string, string?>> settings,
        Action<WebApplicationBuilder> configure,
        Action<WebApplication> map)
    {
        var contentRoot = Path.Combine(AppContext.BaseDirectory, "testhost-root");
        Directory.CreateDirectory(contentRoot);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Test",
            ContentRootPath = contentRoot,
        });
        builder.Configuration.AddInMemoryCollection(settings.Concat([new("Logging:LogLevel:Default", "Warning")]));
        // Port 0: the kernel picks a free port at bind time and Kestrel reports it, so no other test can
        // take it in between (a "free" port picked first and bound later was taken in CI).
        ListenOptions? http = null, grpc = null;
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0, o => { o.Protocols = HttpProtocols.Http1; http = o; });
            k.Listen(IPAddress.Loopback, 0, o => { o.Protocols = HttpProtocols.Http2; grpc = o; });
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        configure(builder);

        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new ServiceTestHost
        {
            App = app,
            HttpAddress = new Uri($"http://127.0.0.1:{http!.IPEndPoint!.Port}/"),
            GrpcAddress = new Uri($"http://127.0.0.1:{grpc!.IPEndPoint!.Port}/"),
        };
    }

    public HttpClient CreateHttpClient() => new() { BaseAddress = HttpAddress };

    private GrpcChannel? _channel;

    /// <summary>One h2c channel to the host's gRPC endpoint (Grpc.Net.Client), shared by a test class; make typed clients on it.</summary>
    public GrpcChannel Channel => _channel ??= GrpcChannel.ForAddress(GrpcAddress, new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024 });

    public AsyncServiceScope CreateScope() => App.Services.CreateAsyncScope();

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }

    /// <summary>A port nothing listens on now: for tests of an unreachable peer, never for a server to bind later.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
