using System.Diagnostics;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Platform.ServiceDefaults.Identity;

namespace Gateway.Traffic;

/// <summary>Per-client rate limits, request size limits and the access log.</summary>
public static class TrafficPolicies
{
    public static IHostApplicationBuilder AddTrafficPolicies(this IHostApplicationBuilder builder)
    {
        var permits = builder.Configuration.GetValue("RateLimiting:PermitsPerMinute", 1200);
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // One bucket per client: the API key or user when known, else the remote address.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetTokenBucketLimiter(ClientKey(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = permits,
                    TokensPerPeriod = permits,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            o.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Za dużo zapytań",
                    detail: $"Limit {permits} zapytań na minutę dla jednego klienta został przekroczony.").ExecuteAsync(context.HttpContext);
            };
        });
        return builder;
    }

    public static string ClientKey(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true
            ? "id:" + PlatformCaller.From(context.User).Subject
            : "ip:" + context.Connection.RemoteIpAddress;

    /// <summary>
    /// REST bodies are limited (Limits:MaxRestBodyBytes); gRPC streams are not, since a monthly
    /// feed is one long stream whose messages the services limit one by one.
    /// </summary>
    public static WebApplication UseTrafficPolicies(this WebApplication app)
    {
        var restLimit = app.Configuration.GetValue<long>("Limits:MaxRestBodyBytes", 10 * 1024 * 1024);
        var accessLog = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Gateway.Access");
        app.Use(async (context, next) =>
        {
            var sizeLimit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (sizeLimit is { IsReadOnly: false })
                sizeLimit.MaxRequestBodySize = IsGrpc(context.Request) ? null : restLimit;

            var start = Stopwatch.GetTimestamp();
            try { await next(context); }
            finally
            {
                // gRPC answers HTTP 200 whatever happened: its outcome is the grpc-status (a trailer, or a header when the
                // answer is trailers-only), logged beside it so a refused call does not read as a success. The query
                // string is never logged (it may hold what should not be written down).
                accessLog.LogInformation("{Method} {Path} {Status} {ElapsedMs:0.0} ms client={Client} protocol={Protocol} grpc-status={GrpcStatus}",
                    context.Request.Method, context.Request.Path.Value, context.Response.StatusCode,
                    Stopwatch.GetElapsedTime(start).TotalMilliseconds, ClientKey(context), context.Request.Protocol, GrpcStatus(context));
            }
        });
        app.UseRateLimiter();
        return app;
    }

    private static string GrpcStatus(HttpContext context)
    {
        if (!IsGrpc(context.Request)) return "-";
        var trailers = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers;
        var status = trailers is not null && trailers.TryGetValue("grpc-status", out var t) ? t.ToString() : context.Response.Headers["grpc-status"].ToString();
        return status.Length > 0 ? status : "?";
    }

    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true;
}
