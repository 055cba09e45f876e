using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Benchmarks.Grpc;

/// <summary>
/// The production-host settings, the same for both in-process servers (Kestrel's apply to both; the
/// gRPC options only mean something to Grpc.AspNetCore, on top of AddPlatformGrpc's). Tried and
/// left out because they did not measurably help (or hurt) on the 2-core machine, all servers
/// alike: a 1 MiB response buffer, no minimum data rates, one socket I/O queue; inline scheduling
/// with one GC heap and non-concurrent GC (all servers markedly slower).
/// </summary>
public static class ServerTuning
{
    public static void Kestrel(KestrelServerOptions k)
    {
        k.AddServerHeader = false; // one header less to encode on every response
    }

    public static void Grpc(GrpcServiceOptions o)
    {
        o.IgnoreUnknownServices = true;        // no catch-all UNIMPLEMENTED routes
        o.EnableDetailedErrors = false;
        o.ResponseCompressionAlgorithm = null; // no response compression
        o.ResponseCompressionLevel = null;
        o.MaxSendMessageSize = null;
    }
}
