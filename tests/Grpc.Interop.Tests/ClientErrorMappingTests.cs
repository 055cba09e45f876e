using Grpc.Interop.Tests.Infrastructure;
using Grpc.Testing;
using Platform.Grpc;
using Platform.Grpc.Client;
using Xunit;

namespace Grpc.Interop.Tests;

/// <summary>A raw HTTP/2 server (Node's http2 module, peers/node/raw-h2-server.js) with malformed responses.</summary>
public sealed class RawH2ServerFixture : PeerServerFixture
{
    protected override string Name => "the raw HTTP/2 server (Node http2)";

    private protected override Task<PeerServer> StartAsync()
    {
        PeerEnvironment.RequireNode();
        return PeerServer.StartAsync(Name, PeerEnvironment.Node, PeerEnvironment.NodeDir, ["raw-h2-server.js", "--port", "0"]);
    }
}

/// <summary>
/// How our client maps responses that are not a well-formed gRPC reply (grpc/grpc
/// doc/http-grpc-status-mapping.md and PROTOCOL-HTTP2.md), against a server that is no gRPC library.
/// </summary>
public sealed class OurClientErrorMappingTests(RawH2ServerFixture server) : IClassFixture<RawH2ServerFixture>
{
    private static readonly GrpcMethod<Empty, Empty> EmptyCall =
        GrpcMethod<Empty, Empty>.For(TestReflection.Descriptor.Services[0].FindMethodByName("EmptyCall"));

    [Theory]
    [InlineData("http400", StatusCode.Internal)]
    [InlineData("http401", StatusCode.Unauthenticated)]
    [InlineData("http403", StatusCode.PermissionDenied)]
    [InlineData("http404", StatusCode.Unimplemented)]
    [InlineData("http429", StatusCode.Unavailable)]
    [InlineData("http502", StatusCode.Unavailable)]
    [InlineData("http503", StatusCode.Unavailable)]
    [InlineData("http504", StatusCode.Unavailable)]
    [InlineData("http500", StatusCode.Unknown)]
    [InlineData("no-status", StatusCode.Internal)]
    [InlineData("two-messages", StatusCode.Unimplemented)]
    [InlineData("rst-cancel", StatusCode.Cancelled)]
    [InlineData("rst-refused", StatusCode.Unavailable)]
    [InlineData("unknown-encoding", StatusCode.Internal)]
    public async Task MapsToStatus(string mode, StatusCode expected)
    {
        var ex = await Call(mode);
        Assert.True(ex.StatusCode == expected, $"x-mode {mode}: expected {expected}, got {ex.StatusCode} ({ex.Status.Detail})");
    }

    [Fact]
    public async Task InvalidPercentEncoding_PassesThroughLiterally()
    {
        var ex = await Call("bad-percent");
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal("bad arg\u263a%zz", ex.Status.Detail);
    }

    /// <summary>
    /// A unary call answered with grpc-status 0 but no message is a response cardinality violation:
    /// UNIMPLEMENTED, as statuscodes.md says (grpc-js: UNIMPLEMENTED "No message received").
    /// </summary>
    [Fact]
    public async Task UnaryOkWithoutMessage_IsUnimplemented()
    {
        var ex = await Call("ok-no-message");
        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
    }

    private async Task<RpcException> Call(string mode)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{server.Port}", new GrpcChannelOptions { Retry = null });
        var options = new CallOptions(new Metadata().Add("x-mode", mode), DateTime.UtcNow.AddSeconds(20));
        try
        {
            var response = await channel.UnaryAsync(EmptyCall, new Empty(), options);
            throw new Xunit.Sdk.XunitException($"x-mode {mode}: the call succeeded with {response}");
        }
        catch (RpcException ex)
        {
            return ex;
        }
    }
}
