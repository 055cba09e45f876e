using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Grpc.Client;
using Platform.Grpc.Tests.Infrastructure;
using Platform.Grpc.Tests.Proto;

namespace Platform.Grpc.Tests;

/// <summary>Client mapping of HTTP answers without grpc-status, and retries, against a hand-written HTTP/2 server.</summary>
public sealed class HttpMappingTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private GrpcChannel _channel = null!;
    private int _attempts;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        _app = builder.Build();
        _app.Run(async context =>
        {
            var attempt = Interlocked.Increment(ref _attempts);
            var mode = context.Request.Headers["x-mode"].ToString();
            if (mode == "flaky" && attempt < 3)
            {
                context.Response.StatusCode = 503;
                return;
            }
            if (int.TryParse(mode, out var status))
            {
                context.Response.StatusCode = status;
                return;
            }
            if (mode == "html")
            {
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html></html>");
                return;
            }
            if (mode == "ok-no-message")
            {
                context.Response.ContentType = "application/grpc";
                await context.Response.StartAsync();
                context.Response.AppendTrailer("grpc-status", "0");
                return;
            }
            if (mode == "two-messages")
            {
                context.Response.ContentType = "application/grpc";
                await context.Response.BodyWriter.WriteAsync(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 });
                context.Response.AppendTrailer("grpc-status", "0");
                return;
            }
            if (mode == "trailers-only-ok")
            {
                context.Response.ContentType = "application/grpc";
                context.Response.Headers["grpc-status"] = "0";
                return;
            }
            if (mode == "no-status")
            {
                context.Response.ContentType = "application/grpc";
                await context.Response.BodyWriter.WriteAsync(new byte[] { 0, 0, 0, 0, 0 });
                return;
            }
            context.Response.ContentType = "application/grpc";
            await context.Response.BodyWriter.WriteAsync(new byte[] { 0, 0, 0, 0, 0 });
            context.Response.AppendTrailer("grpc-status", "0");
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { Retry = new RetryPolicy { MaxAttempts = 4, InitialBackoff = TimeSpan.FromMilliseconds(5) } });
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static CallOptions Mode(string mode) => new CallOptions().WithTimeout(TimeSpan.FromSeconds(10)) with { Headers = new Metadata().Add("x-mode", mode) };

    [Theory]
    [InlineData("400", StatusCode.Internal)]
    [InlineData("401", StatusCode.Unauthenticated)]
    [InlineData("403", StatusCode.PermissionDenied)]
    [InlineData("404", StatusCode.Unimplemented)]
    [InlineData("429", StatusCode.Unavailable)]
    [InlineData("502", StatusCode.Unavailable)]
    [InlineData("503", StatusCode.Unavailable)]
    [InlineData("504", StatusCode.Unavailable)]
    [InlineData("500", StatusCode.Unknown)]
    [InlineData("html", StatusCode.Unknown)]
    [InlineData("no-status", StatusCode.Internal)]
    [InlineData("ok-no-message", StatusCode.Unimplemented)] // response cardinality violations: UNIMPLEMENTED (statuscodes.md)
    [InlineData("trailers-only-ok", StatusCode.Unimplemented)]
    [InlineData("two-messages", StatusCode.Unimplemented)]
    public async Task Maps_http_answers_without_grpc_status(string mode, StatusCode expected)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(Methods.Echo, new EchoRequest(), Mode(mode)));
        Assert.Equal(expected, ex.StatusCode);
    }

    [Fact]
    public async Task Retries_unavailable_for_idempotent_methods()
    {
        var response = await _channel.UnaryAsync(Methods.IdempotentEcho, new EchoRequest(), Mode("flaky"));
        Assert.NotNull(response);
        Assert.Equal(3, _attempts);
    }

    [Fact]
    public async Task Does_not_retry_non_idempotent_methods()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(Methods.Echo, new EchoRequest(), Mode("flaky")));
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Equal(1, _attempts);
    }

    [Fact]
    public async Task Per_call_idempotent_flag_enables_retry()
    {
        var response = await _channel.UnaryAsync(Methods.Echo, new EchoRequest(), Mode("flaky") with { Idempotent = true });
        Assert.NotNull(response);
        Assert.Equal(3, _attempts);
    }
}
