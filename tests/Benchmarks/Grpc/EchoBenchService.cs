using Bench;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Platform.Grpc;

namespace Benchmarks.Grpc;

/// <summary>The echo contract served through Platform.Grpc.</summary>
public sealed class EchoBenchService : IGrpcService<EchoBenchService>
{
    public static ServiceDescriptor Descriptor => EchoReflection.Descriptor.Services[0];

    public static void Bind(ServiceBinder<EchoBenchService> binder) => binder
        .Unary<EchoMessage, EchoMessage>("Echo", static (_, request, _) => Task.FromResult(request))
        .ServerStreaming<StreamRequest, EchoMessage>("StreamEcho", static (_, request, writer, context) => StreamAsync(request, writer, context));

    private static async Task StreamAsync(StreamRequest request, IServerStreamWriter<EchoMessage> writer, ServerCallContext context)
    {
        var message = new EchoMessage { Payload = ByteString.CopyFrom(new byte[request.Size == 0 ? 1024 : request.Size]) };
        for (var i = 0; i < request.Count && !context.CancellationToken.IsCancellationRequested; i++)
            await writer.WriteAsync(message);
    }
}
