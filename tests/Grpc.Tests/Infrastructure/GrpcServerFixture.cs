using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Platform.Grpc.Client;
using Platform.Grpc.Health;

namespace Platform.Grpc.Tests.Infrastructure;

/// <summary>A real Kestrel server on 127.0.0.1:0 (HTTP/2 only) serving the test and standard services.</summary>
public sealed class GrpcServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public Uri Address { get; private set; } = null!;

    public GrpcChannel Channel { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>Flip to make the readiness health check fail.</summary>
    public SwitchableHealthCheck Readiness { get; } = new();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Logs);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpcServer(o =>
        {
            o.Interceptors.Add<Platform.Grpc.Interceptors.CallLoggingInterceptor>();
            o.Interceptors.Add(new CountingInterceptor());
        });
        builder.Services.ConfigureGrpcHealth(o => o.Interval = TimeSpan.FromMilliseconds(200));
        builder.Services.AddHealthChecks().AddCheck("ready", Readiness, tags: ["ready"]);
        _app = builder.Build();
        _app.MapGrpcService<TestServiceImpl>();
        _app.MapGrpcStandardServices();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address);
        Channel = GrpcChannel.ForAddress(Address);
    }

    public GrpcChannel CreateChannel(Action<GrpcChannelOptions> configure)
    {
        var options = new GrpcChannelOptions();
        configure(options);
        return GrpcChannel.ForAddress(Address, options);
    }

    public async Task DisposeAsync()
    {
        Channel?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

public sealed class SwitchableHealthCheck : IHealthCheck
{
    public volatile bool Healthy = true;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Healthy ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("switched off"));
}

public sealed class CountingInterceptor : Interceptor
{
    public static int UnaryCalls;

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Interlocked.Increment(ref UnaryCalls);
        context.UserState["intercepted"] = true;
        return continuation(request, context);
    }
}

public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this);

    public void Dispose() { }

    private sealed class CapturingLogger(CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Entries.Enqueue((logLevel, formatter(state, exception), exception));
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class GrpcServerCollection : ICollectionFixture<GrpcServerFixture>
{
    public const string Name = "grpc-server";
}
