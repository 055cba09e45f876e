using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Platform.ServiceDefaults.Identity;

/// <summary>Refusals written as the caller's protocol expects: gRPC status for gRPC, problem details otherwise.</summary>
public static class ErrorResponses
{
    public static async Task WriteAsync(HttpContext context, AccessDeniedException denied)
    {
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true)
        {
            // Trailers-Only: HTTP 200 with the status in the one header block.
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = denied.Unauthenticated ? "16" : "7";
            context.Response.Headers["grpc-message"] = Uri.EscapeDataString(denied.Message);
            return;
        }
        var status = denied.Unauthenticated ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
        context.Response.StatusCode = status;
        await Results.Problem(new ProblemDetails
        {
            Status = status,
            Title = denied.Unauthenticated ? "Brak uwierzytelnienia" : "Brak uprawnień",
            Detail = denied.Message,
        }).ExecuteAsync(context);
    }
}
