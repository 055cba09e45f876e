using Gateway.Health;

namespace Gateway.Extensions;

public static class Extensions
{
    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<DownstreamServicesOptions>(builder.Configuration.GetSection(DownstreamServicesOptions.SectionName));
        builder.Services.AddHttpClient(PlatformHealth.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(3));
        builder.Services.AddSingleton<PlatformHealth>();
        return builder;
    }

    public static WebApplication MapGatewayEndpoints(this WebApplication app)
    {
        app.MapGet("/healthz", async (PlatformHealth health, HttpContext context) =>
        {
            var report = await health.CheckAsync(context.RequestAborted);
            return Results.Json(report, statusCode: report.Status == "Healthy" ? 200 : 503);
        });
        return app;
    }
}
