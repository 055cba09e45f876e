using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.Validation;

namespace Platform.ServiceDefaults.Grpc;

/// <summary>
/// gRPC as every host serves it (Grpc.AspNetCore on the h2c endpoint): the shared interceptors,
/// grpc.health.v1 driven by the same checks as the HTTP health endpoints, and server reflection.
/// </summary>
public static class GrpcHostingExtensions
{
    /// <summary>The health service name Kubernetes' liveness probe asks for: the process answers, whatever its dependencies do.</summary>
    public const string LivenessService = "liveness";

    public static IHostApplicationBuilder AddPlatformGrpc(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<GrpcFieldNames>();
        builder.Services.AddSingleton<TextGuardInterceptor>();
        builder.Services.AddSingleton<ApplicationErrorInterceptor>();
        builder.Services.AddGrpc(o =>
        {
            // Outermost first: a NUL is refused before any handler runs; the use cases' errors become statuses.
            o.Interceptors.Add<TextGuardInterceptor>();
            o.Interceptors.Add<ApplicationErrorInterceptor>();
            o.MaxReceiveMessageSize = 4 * 1024 * 1024;
            // Read by ReadErrorStatus to tell an unreadable message from a failed handler; it strips the text.
            o.EnableDetailedErrors = true;
        });
        // "" follows readiness (database, broker), "liveness" only the process.
        builder.Services.AddGrpcHealthChecks(o =>
        {
            o.Services.Map("", r => r.Tags.Contains(HealthTags.Ready));
            o.Services.Map(LivenessService, r => r.Tags.Contains(HealthTags.Live));
        });
        // Stopping hosts stop being ready at once, so the balancer and gRPC health watchers move away first.
        builder.Services.AddHealthChecks().AddCheck<StoppingHealthCheck>("stopping", tags: [HealthTags.Ready]);
        builder.Services.Configure<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckPublisherOptions>(o =>
        {
            o.Delay = TimeSpan.Zero;
            o.Period = TimeSpan.FromSeconds(5);
        });
        builder.Services.AddGrpcReflection();
        return builder;
    }

    /// <summary>Maps grpc.health.v1.Health and grpc.reflection (v1 and v1alpha).</summary>
    public static WebApplication MapPlatformGrpc(this WebApplication app)
    {
        app.Use(ReadErrorStatus.InvokeAsync);
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }
}
