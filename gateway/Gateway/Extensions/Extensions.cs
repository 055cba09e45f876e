using Gateway.Health;
using Gateway.Identity;
using Gateway.Identity.SignIn;
using Gateway.Identity.Users;
using Gateway.OpenApi;
using Gateway.Persistence;
using Gateway.Portal;
using Gateway.Proxy;
using Gateway.Security;
using Gateway.Traffic;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Persistence;
using Yarp.ReverseProxy.Configuration;

namespace Gateway.Extensions;

public static class Extensions
{
    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        // Every bearer request checks its token's entry (revocation): short queries, so a small pool serves any load and
        // leaves PostgreSQL's connections to the services.
        builder.AddServiceDatabase<GatewayDbContext>(typeof(Extensions).Assembly,
            b => b.ConnectionStringBuilder.MaxPoolSize = Math.Min(b.ConnectionStringBuilder.MaxPoolSize, builder.Configuration.GetValue("Database:MaxPoolSize", 16)));
        builder.AddGatewayIdentity();
        builder.AddTrafficPolicies();
        builder.AddPortalSettings();

        builder.Services.Configure<DownstreamServicesOptions>(builder.Configuration.GetSection(DownstreamServicesOptions.SectionName));
        builder.Services.AddHttpClient(PlatformHealth.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(3));
        builder.Services.AddSingleton<PlatformHealth>();
        builder.Services.AddSingleton<OpenApiAggregator>();

        var restTimeout = builder.Configuration.GetValue("Proxy:RestTimeout", TimeSpan.FromSeconds(60));
        builder.Services.AddSingleton<IProxyConfigProvider>(sp =>
        {
            var (routes, clusters) = ProxyRoutes.Build(sp.GetRequiredService<IOptions<DownstreamServicesOptions>>().Value, restTimeout);
            return new InMemoryConfigProvider(routes, clusters);
        });
        builder.Services.AddReverseProxy().AddTransforms<IdentityTransform>();
        builder.Services.AddApiReflection();
        return builder;
    }

    public static WebApplication MapGatewayEndpoints(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseGatewayIdentity();
        app.UseTrafficPolicies();
        app.UseStatusCodePages();
        // The portal: static files served by the gateway itself (no outside host is ever asked for anything).
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });

        app.MapPortalEndpoints();
        app.MapAccountEndpoints();
        app.MapAuthorizationEndpoints();
        app.MapUserEndpoints();
        app.MapGet("/healthz", async (PlatformHealth health, HttpContext context) =>
        {
            var report = await health.CheckAsync(context.RequestAborted);
            return Results.Json(report, statusCode: report.Status == "Healthy" ? 200 : 503);
        });
        app.MapGet("/openapi/v1.json", async (OpenApiAggregator openApi, CancellationToken ct) =>
            Results.Text((await openApi.GetAsync(ct)).ToJsonString(), "application/json; charset=utf-8"));
        app.MapGet("/openapi", () => Results.Stream(
            typeof(Extensions).Assembly.GetManifestResourceStream("api-docs.html")!, "text/html; charset=utf-8"));
        app.MapReverseProxy(proxy => proxy.Use(UnavailableServiceMiddleware.InvokeAsync));
        return app;
    }
}
