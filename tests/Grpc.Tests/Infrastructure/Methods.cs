using Google.Protobuf.WellKnownTypes;
using Platform.Grpc.Client;
using Platform.Grpc.Tests.Proto;

namespace Platform.Grpc.Tests.Infrastructure;

public static class Methods
{
    private static GrpcMethod<EchoRequest, EchoResponse> M(string name) =>
        GrpcMethod<EchoRequest, EchoResponse>.For(TestServiceImpl.Descriptor.FindMethodByName(name));

    public static readonly GrpcMethod<EchoRequest, EchoResponse> Echo = M("Echo");
    public static readonly GrpcMethod<EchoRequest, EchoResponse> IdempotentEcho = M("IdempotentEcho");
    public static readonly GrpcMethod<EchoRequest, EchoResponse> ServerStream = M("ServerStream");
    public static readonly GrpcMethod<EchoRequest, EchoResponse> ClientStream = M("ClientStream");
    public static readonly GrpcMethod<EchoRequest, EchoResponse> Duplex = M("Duplex");
    public static readonly GrpcMethod<EchoRequest, EchoResponse> Unbound = M("Unbound");
    public static readonly GrpcMethod<Empty, Empty> Ping = GrpcMethod<Empty, Empty>.For(TestServiceImpl.Descriptor.FindMethodByName("Ping"));

    /// <summary>A good call must still succeed (after bad input).</summary>
    public static async Task AssertServesAsync(GrpcChannel channel)
    {
        var response = await channel.UnaryAsync(Echo, new EchoRequest { Message = "still alive" }, new CallOptions().WithTimeout(TimeSpan.FromSeconds(10)));
        Assert.Equal("still alive", response.Message);
    }
}
