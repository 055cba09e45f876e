using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Platform.Grpc;
using Platform.Testing;

namespace Benchmarks.Grpc;

/// <summary>The two in-process servers: our gRPC layer, and bare Kestrel HTTP/2 echoing the same bytes.</summary>
public static class BenchServers
{
    public static async Task<(WebApplication App, Uri Address)> StartOursAsync()
    {
        var (builder, address) = NewBuilder();
        builder.Services.AddGrpcServer();
        var app = builder.Build();
        app.MapGrpcService<EchoBenchService>();
        await app.StartAsync();
        return (app, address);
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
        return (app, address);
    }

    private static (WebApplicationBuilder Builder, Uri Address) NewBuilder()
    {
        var port = ServiceTestHost.FreePort();
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(port, l => l.Protocols = HttpProtocols.Http2));
        return (builder, new Uri($"http://127.0.0.1:{port}"));
    }
}
