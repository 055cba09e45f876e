using System.Net;
using System.Net.Http;

namespace Platform.Grpc.Client;

/// <summary>Maps HTTP and transport failures to gRPC status codes (http-grpc-status-mapping.md).</summary>
internal static class StatusMapping
{
    public static StatusCode FromHttpStatus(HttpStatusCode status) => (int)status switch
    {
        400 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    /// <summary>Maps a transport exception; null when it is not a transport failure.</summary>
    public static Status? FromException(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is HttpProtocolException protocol)
            {
                return protocol.ErrorCode switch
                {
                    0x8 => new Status(StatusCode.Cancelled, "Stream reset by peer (CANCEL)."),
                    0x7 => new Status(StatusCode.Unavailable, "Stream refused by peer (REFUSED_STREAM)."),
                    0xb => new Status(StatusCode.ResourceExhausted, "Peer reported ENHANCE_YOUR_CALM."),
                    0xc => new Status(StatusCode.PermissionDenied, "Peer reported INADEQUATE_SECURITY."),
                    _ => new Status(StatusCode.Internal, $"HTTP/2 error {protocol.ErrorCode}: {protocol.Message}"),
                };
            }
        }
        return ex switch
        {
            HttpRequestException http => new Status(StatusCode.Unavailable, "Error starting gRPC call: " + http.Message),
            IOException io => new Status(StatusCode.Unavailable, "Transport error: " + io.Message),
            ObjectDisposedException => new Status(StatusCode.Cancelled, "Call was disposed."),
            _ => null,
        };
    }
}
