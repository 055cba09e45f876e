using Bench;
using Google.Protobuf;
using Grpc.Core;

namespace Benchmarks.Grpc;

/// <summary>
/// The echo contract on Grpc.AspNetCore, from the generated base class. One instance (registered as
/// a singleton, so the activator does not construct one per call); the stream's 1 KiB message is
/// built once, as the bare server's frame is.
/// </summary>
public sealed class EchoBenchService : EchoService.EchoServiceBase
{
    private static readonly EchoMessage Kibibyte = new() { Payload = ByteString.CopyFrom(new byte[1024]) };

    public override Task<EchoMessage> Echo(EchoMessage request, ServerCallContext context) => Task.FromResult(request);

    public override async Task StreamEcho(StreamRequest request, IServerStreamWriter<EchoMessage> responseStream, ServerCallContext context)
    {
        var message = request.Size is 0 or 1024 ? Kibibyte : new EchoMessage { Payload = ByteString.CopyFrom(new byte[request.Size]) };
        var cancellation = context.CancellationToken;
        for (var i = 0; i < request.Count && !cancellation.IsCancellationRequested; i++)
            await responseStream.WriteAsync(message);
    }
}
