using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
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
        var http = FreePort();
        var grpc = FreePort();
        builder.Configuration.AddInMemoryCollection(settings.Concat(
        [
            new("Kestrel:Endpoints:Http:Url", $"http://127.0.0.1:{http}"),
            new("Kestrel:Endpoints:Http:Protocols", "Http1"),
            new("Kestrel:Endpoints:Grpc:Url", $"http://127.0.0.1:{grpc}"),
            new("Kestrel:Endpoints:Grpc:Protocols", "Http2"),
            new("Logging:LogLevel:Default", "Warning"),
        ]));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        configure(builder);

        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new ServiceTestHost
        {
            App = app,
            HttpAddress = new Uri($"http://127.0.0.1:{http}/"),
            GrpcAddress = new Uri($"http://127.0.0.1:{grpc}/"),
        };
    }

    public HttpClient CreateHttpClient() => new() { BaseAddress = HttpAddress };

    public AsyncServiceScope CreateScope() => App.Services.CreateAsyncScope();

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
