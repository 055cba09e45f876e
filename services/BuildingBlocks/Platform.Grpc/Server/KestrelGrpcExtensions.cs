using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Platform.Grpc;

public static class KestrelGrpcExtensions
{
    /// <summary>
    /// Listens for cleartext gRPC (h2c, HTTP/2 only: an Http1AndHttp2 cleartext endpoint
    /// would answer gRPC clients with HTTP/1.1).
    /// </summary>
    public static KestrelServerOptions ListenGrpc(this KestrelServerOptions options, IPAddress address, int port)
    {
        options.Listen(address, port, listen => listen.Protocols = HttpProtocols.Http2);
        return options;
    }

    /// <summary>Listens for cleartext gRPC on all interfaces.</summary>
    public static KestrelServerOptions ListenGrpc(this KestrelServerOptions options, int port)
    {
        options.ListenAnyIP(port, listen => listen.Protocols = HttpProtocols.Http2);
        return options;
    }
}
