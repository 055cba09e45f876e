using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Platform.ServiceDefaults.Grpc;

/// <summary>
/// Grpc.AspNetCore answers a request message it cannot read (garbage protobuf, an invalid compressed flag,
/// a corrupt gzip body) with UNKNOWN "Exception was thrown by handler.", as if a handler had failed. The
/// gRPC spec gives that case INTERNAL, which clients and the fuzz suite tell apart from a platform fault:
/// this rewrites the status the library wrote (headers for Trailers-Only, else trailers). Detailed errors
/// are on only so the exception type can be read here; the text never reaches the caller.
/// </summary>
public static class ReadErrorStatus
{
    public const string Unreadable = "Failed to deserialize the message.";
    public const string HandlerFailed = "Exception was thrown by handler.";

    private static readonly string[] ReadExceptions = ["InvalidProtocolBufferException", "InvalidDataException"];

    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        await next();
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true) return;
        var headers = context.Response.HasStarted ? context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers : context.Response.Headers;
        if (headers is null || headers["grpc-status"] != "2") return;
        var message = Uri.UnescapeDataString(headers["grpc-message"].ToString());
        if (!message.StartsWith(HandlerFailed, StringComparison.Ordinal)) return;
        var unreadable = ReadExceptions.Any(e => message.AsSpan(HandlerFailed.Length).TrimStart().StartsWith(e, StringComparison.Ordinal));
        if (unreadable) headers["grpc-status"] = "13";
        headers["grpc-message"] = unreadable ? Unreadable : HandlerFailed;
    }
}
