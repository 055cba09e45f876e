using Microsoft.AspNetCore.Mvc;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Gateway.Proxy;

/// <summary>
/// A service that is down or does not answer in time gives 503 (REST, problem details) or
/// UNAVAILABLE (gRPC) at once, never a hang or a bare 502.
/// </summary>
public static class UnavailableServiceMiddleware
{
    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        await next();
        var error = context.Features.Get<IForwarderErrorFeature>();
        if (error is null || context.Response.HasStarted) return;
        // The service answered before it had read the whole request (e.g. 415 to a foreign content type):
        // its answer stands. Found by the fuzz run, where writing a 503 over it failed with a 500. The codes
        // YARP sets itself (400, 502, 504) are not an answer: a service killed mid-stream must still give
        // UNAVAILABLE, which the labour office's feeder retries (found by the end-to-end fault test).
        if (error.Error is ForwarderError.RequestBodyClient or ForwarderError.RequestBodyDestination or ForwarderError.RequestBodyCanceled
            && context.Response.StatusCode is not (StatusCodes.Status200OK or StatusCodes.Status400BadRequest
                or StatusCodes.Status502BadGateway or StatusCodes.Status504GatewayTimeout))
            return;
        context.Response.Clear();

        var service = context.GetRouteModel()?.Config.ClusterId ?? "usługa";
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Gateway.Proxy");
        logger.LogWarning(error.Exception, "Forwarding to {Cluster} failed: {Error}", service, error.Error);

        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = "14";
            context.Response.Headers["grpc-message"] = Uri.EscapeDataString($"{service} is unavailable");
            return;
        }
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        await Results.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Usługa niedostępna",
            Detail = $"Usługa {service} nie odpowiada. Spróbuj ponownie za chwilę.",
        }).ExecuteAsync(context);
    }
}
