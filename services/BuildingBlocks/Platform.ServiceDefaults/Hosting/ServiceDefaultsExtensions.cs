using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Grpc;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.Identity;
using Platform.ServiceDefaults.Validation;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.ServiceDefaults.Hosting;

/// <summary>What every host of the platform shares: configuration, logs, health, shutdown.</summary>
public static class ServiceDefaultsExtensions
{
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        // Configuration: appsettings.json, then environment variables (ConnectionStrings__Database,
        // RabbitMq__Password…), both sources of the default builder; secrets only ever come from the latter.
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });

        builder.Services.Configure<HostOptions>(options =>
            options.ShutdownTimeout = builder.Configuration.GetValue("Hosting:ShutdownTimeout", TimeSpan.FromSeconds(20)));

        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(ApiDocumentation.Configure);
        builder.AddPlatformIdentity();

        builder.AddPlatformTelemetry();
        // Every host speaks gRPC on its h2c endpoint: health (readiness and "liveness"), reflection.
        builder.AddPlatformGrpc();

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy(), [HealthTags.Live]);
        return builder;
    }

    /// <summary>
    /// The correlation id on every request, refusals (401/403) in the caller's protocol, the
    /// caller's identity, liveness and readiness.
    /// </summary>
    /// <param name="serviceOpenApi">Serve this host's own OpenAPI document at /openapi/v1.json (the gateway serves the merged one instead).</param>
    public static WebApplication MapDefaultEndpoints(this WebApplication app, bool serviceOpenApi = true)
    {
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseExceptionHandler();
        app.Use(async (context, next) =>
        {
            try { await next(context); }
            catch (AccessDeniedException denied) when (!context.Response.HasStarted)
            {
                await ErrorResponses.WriteAsync(context, denied);
            }
        });
        app.UsePlatformIdentity();
        app.UseQueryTextGuard();
        app.MapHealthEndpoints();
        app.MapPlatformGrpc();
        app.MapPlatformTelemetry();
        if (serviceOpenApi) app.MapOpenApi();
        return app;
    }
}
