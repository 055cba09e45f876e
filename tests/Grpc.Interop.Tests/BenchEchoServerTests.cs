using Bench;
using Google.Protobuf;
using Grpc.Interop.Tests.Infrastructure;
using Platform.Grpc;
using Platform.Grpc.Client;
using Xunit;

namespace Grpc.Interop.Tests;

/// <summary>The grpc-js benchmark peer (peers/node/bench-echo-server.js) starts and answers our client.</summary>
public sealed class BenchEchoServerFixture : PeerServerFixture
{
    protected override string Name => "the Node (grpc-js) bench echo server";

    private protected override Task<PeerServer> StartAsync()
    {
        PeerEnvironment.RequireNode();
        return PeerServer.StartAsync(Name, PeerEnvironment.Node, PeerEnvironment.NodeDir, ["bench-echo-server.js", "--port", "0"]);
    }
}

public sealed class BenchEchoServerTests(BenchEchoServerFixture server) : IClassFixture<BenchEchoServerFixture>
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Service = EchoReflection.Descriptor.Services[0];

    [Fact]
    public async Task Echo_ReturnsTheRequest()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{server.Port}");
        var request = new EchoMessage { Payload = ByteString.CopyFrom(new byte[1024]) };
        var response = await channel.UnaryAsync(GrpcMethod<EchoMessage, EchoMessage>.For(Service.FindMethodByName("Echo")), request,
            new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30)));
        Assert.Equal(request, response);
    }

    [Fact]
    public async Task StreamEcho_Streams1KiBMessages()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{server.Port}");
        using var call = channel.ServerStreaming(GrpcMethod<StreamRequest, EchoMessage>.For(Service.FindMethodByName("StreamEcho")),
            new StreamRequest { Count = 100 }, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30)));
        var count = 0;
        await foreach (var message in call.ResponseStream.ReadAllAsync())
        {
            Assert.Equal(1024, message.Payload.Length);
            count++;
        }
        Assert.Equal(100, count);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }
}
