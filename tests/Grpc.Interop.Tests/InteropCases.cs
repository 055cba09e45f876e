using Xunit;

namespace Grpc.Interop.Tests;

/// <summary>The interop cases of grpc/grpc doc/interop-test-descriptions.md that this matrix runs, plus two extras.</summary>
public static class InteropCases
{
    public static readonly string[] Names =
    [
        "empty_unary",
        "large_unary",
        "client_streaming",
        "server_streaming",
        "ping_pong",
        "empty_stream",
        "custom_metadata",
        "status_code_and_message",
        "special_status_message",
        "unimplemented_method",
        "unimplemented_service",
        "cancel_after_begin",
        "cancel_after_first_response",
        "timeout_on_sleeping_server",
        "client_compressed_unary",
        "server_compressed_unary",
        "client_compressed_streaming",
        "server_compressed_streaming",
        // Extra cases, not in the spec: -bin metadata whose base64 needs padding (grpcio sends
        // it unpadded, grpc-js padded) and an error status in trailers after messages.
        "binary_metadata_padding",
        "status_after_messages",
    ];

    public static TheoryData<string> All
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var name in Names)
            {
                data.Add(name);
            }
            return data;
        }
    }
}
