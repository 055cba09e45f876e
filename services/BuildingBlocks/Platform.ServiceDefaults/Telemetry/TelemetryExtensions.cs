using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// OpenTelemetry for every host: traces of incoming requests (REST and gRPC), outgoing gRPC and HTTP
/// calls, PostgreSQL commands and MassTransit's publish/consume (the outbox carries the trace context
/// from the change to its consumers), exported by OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set;
/// metrics in the Prometheus text format at <c>/metrics</c>.
/// </summary>
public static class TelemetryExtensions
{
    public const string MetricsPath = "/metrics";
    /// <summary>MassTransit's ActivitySource and Meter.</summary>
    public const string MassTransitSource = "MassTransit";
    /// <summary>The platform's own ActivitySources and Meters (Platform.Messaging's outbox, …).</summary>
    public const string PlatformSources = "Platform.*";

    public static IHostApplicationBuilder AddPlatformTelemetry(this IHostApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Configuration["Telemetry:ServiceName"] ?? builder.Environment.ApplicationName))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path))
                .AddGrpcClientInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource(MassTransitSource, PlatformSources))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(MassTransitSource, PlatformSources)
                .AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            telemetry.UseOtlpExporter();
        return builder;
    }

    public static WebApplication MapPlatformTelemetry(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }

    private static bool IsProbe(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments(MetricsPath);
}
