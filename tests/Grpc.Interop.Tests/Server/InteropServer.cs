using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Grpc;
using Platform.Grpc.Health;

namespace Grpc.Interop.Tests.Server;

/// <summary>
/// Our server: Kestrel on 127.0.0.1, a free port, an HTTP/2-only cleartext endpoint, serving
/// grpc.testing.TestService plus health and reflection (v1 and v1alpha) through Platform.Grpc.
/// </summary>
public sealed class InteropServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InteropServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public HealthStatusManager Health => _app.Services.GetRequiredService<HealthStatusManager>();

    public static async Task<InteropServer> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(IPAddress.Loopback, 0));
        builder.Services.AddGrpcServer();
        var app = builder.Build();
        app.MapGrpcService<TestServiceImpl>();
        app.MapGrpcStandardServices();
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new InteropServer(app, new Uri(address).Port);
    }

    public async ValueTask DisposeAsync()
    {
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(cts.Token).ConfigureAwait(false);
        }
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
