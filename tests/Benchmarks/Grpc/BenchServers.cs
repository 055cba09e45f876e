using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Grpc;

namespace Benchmarks.Grpc;

/// <summary>
/// The two in-process servers: Grpc.AspNetCore hosted as the platform's services host it, and bare
/// Kestrel HTTP/2 echoing the same bytes. Both share one Kestrel configuration (<see cref="ServerTuning"/>).
/// </summary>
public static class BenchServers
{
    /// <summary>
    /// Grpc.AspNetCore through the platform's own hosting (<c>AddPlatformGrpc</c>: the shared
    /// interceptors — NUL guard, error mapping — health and reflection), with the production tuning
    /// on top, so the measured cost is what a service pays per call.
    /// </summary>
    public static async Task<(WebApplication App, Uri Address)> StartGrpcAsync()
    {
        var (builder, address) = NewBuilder();
        builder.AddPlatformGrpc();
        builder.Services.Configure<GrpcServiceOptions>(ServerTuning.Grpc);
        builder.Services.AddSingleton<EchoBenchService>();
        var app = builder.Build();
        app.MapGrpcService<EchoBenchService>();
        app.MapPlatformGrpc();
        await app.StartAsync();
        return (app, address());
    }

    /// <summary>
    /// The baseline with no gRPC layer: the request body is echoed byte for byte (it already is a
    /// gRPC frame), with the content type and the grpc-status trailer a client needs; the stream
    /// writes the same precomputed frames.
    /// </summary>
    public static async Task<(WebApplication App, Uri Address)> StartBareAsync(byte[] streamFrame)
    {
        var (builder, address) = NewBuilder();
        var app = builder.Build();
        app.MapPost("/bench.EchoService/Echo", async (HttpContext context) =>
        {
            var reader = context.Request.BodyReader;
            ReadResult read;
            while (!(read = await reader.ReadAsync()).IsCompleted) reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            context.Response.ContentType = "application/grpc";
            foreach (var segment in read.Buffer) await context.Response.BodyWriter.WriteAsync(segment);
            reader.AdvanceTo(read.Buffer.End);
            context.Response.AppendTrailer("grpc-status", "0");
        });
        app.MapPost("/bench.EchoService/StreamEcho", async (HttpContext context) =>
        {
            var reader = context.Request.BodyReader;
            ReadResult read;
            while (!(read = await reader.ReadAsync()).IsCompleted) reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            // The request says how many: its varint after the 5-byte prefix and the field tag (count < 128 here).
            var count = read.Buffer.Slice(6, 1).FirstSpan[0];
            reader.AdvanceTo(read.Buffer.End);
            context.Response.ContentType = "application/grpc";
            await context.Response.StartAsync();
            for (var i = 0; i < count; i++) await context.Response.BodyWriter.WriteAsync(streamFrame);
            context.Response.AppendTrailer("grpc-status", "0");
        });
        await app.StartAsync();
        return (app, address());
    }

    /// <summary>An h2c endpoint on a loopback port the kernel picks at bind time (read once started).</summary>
    private static (WebApplicationBuilder Builder, Func<Uri> Address) NewBuilder()
    {
        ListenOptions? endpoint = null;
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0, l => { l.Protocols = HttpProtocols.Http2; endpoint = l; });
            ServerTuning.Kestrel(k);
        });
        return (builder, () => new Uri($"http://127.0.0.1:{endpoint!.IPEndPoint!.Port}"));
    }
}
