using Grpc.Core;
using Grpc.Net.Client.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Identity;

namespace Platform.ServiceDefaults.Grpc;

/// <summary>How long a call to a peer may take unless the caller sets its own deadline.</summary>
public sealed class GrpcDeadlines
{
    public TimeSpan Unary { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Exports stream for minutes; the deadline only guards against a peer that hangs.</summary>
    public TimeSpan Streaming { get; set; } = TimeSpan.FromMinutes(30);
}

/// <summary>
/// The one policy for every gRPC call a service makes to another: the generated typed client
/// (<c>AddGrpcClient&lt;T&gt;</c>) addressed by <c>GrpcClients:{peer}:Address</c>, the caller's signed
/// service identity, a deadline per call kind (<c>GrpcClients:{peer}:Deadlines</c>), retries of
/// UNAVAILABLE through the gRPC service config, and UNAVAILABLE naming the setting when no address is
/// configured (the caller degrades or answers 503, never a start-up crash).
/// </summary>
public static class GrpcClientPolicy
{
    private static readonly Uri Unconfigured = new("http://unconfigured.invalid");

    public static IHttpClientBuilder AddPlatformGrpcClient<TClient>(this IServiceCollection services, string peer, string callerService)
        where TClient : ClientBase
    {
        return services
            .AddGrpcClient<TClient>(peer, (sp, o) =>
            {
                var address = sp.GetRequiredService<IConfiguration>()[$"GrpcClients:{peer}:Address"];
                o.Address = string.IsNullOrWhiteSpace(address) ? Unconfigured : new Uri(address, UriKind.Absolute);
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
                KeepAlivePingDelay = TimeSpan.FromSeconds(60),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
                ConnectTimeout = TimeSpan.FromSeconds(5),
            })
            .ConfigureChannel(o =>
            {
                o.ServiceConfig = new ServiceConfig { MethodConfigs = { RetryUnavailable } };
                o.MaxRetryAttempts = 4;
            })
            .AddInterceptor(sp =>
            {
                var configuration = sp.GetRequiredService<IConfiguration>();
                var deadlines = configuration.GetSection($"GrpcClients:{peer}:Deadlines").Get<GrpcDeadlines>() ?? new GrpcDeadlines();
                var configured = !string.IsNullOrWhiteSpace(configuration[$"GrpcClients:{peer}:Address"]);
                return new PlatformClientInterceptor(peer, configured, callerService, sp.GetRequiredService<InternalIdentityToken>(), deadlines);
            });
    }

    // A peer that is restarting or briefly unreachable: tried again with backoff. UNAVAILABLE means the
    // call was not processed, so this is safe for writes too.
    private static readonly MethodConfig RetryUnavailable = new()
    {
        Names = { MethodName.Default },
        RetryPolicy = new RetryPolicy
        {
            MaxAttempts = 4,
            InitialBackoff = TimeSpan.FromMilliseconds(200),
            MaxBackoff = TimeSpan.FromSeconds(2),
            BackoffMultiplier = 2,
            RetryableStatusCodes = { StatusCode.Unavailable },
        },
    };
}
