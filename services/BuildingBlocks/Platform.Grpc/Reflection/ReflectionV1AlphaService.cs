using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Reflection.V1Alpha;
using V1 = Grpc.Reflection.V1;

namespace Platform.Grpc.Reflection;

/// <summary>
/// <c>grpc.reflection.v1alpha.ServerReflection</c>: ServerReflectionInfo (bidi). Its messages are
/// v1's under another package name, field for field, so each request is read as v1 and answered
/// by <see cref="ReflectionV1Service.Answer"/>.
/// </summary>
public sealed class ReflectionV1AlphaService(ReflectionIndex index) : IGrpcService<ReflectionV1AlphaService>
{
    public static ServiceDescriptor Descriptor => ReflectionReflection.Descriptor.Services[0];

    public static void Bind(ServiceBinder<ReflectionV1AlphaService> binder) =>
        binder.DuplexStreaming<ServerReflectionRequest, ServerReflectionResponse>(
            "ServerReflectionInfo", static (s, requests, responses, context) => s.ServerReflectionInfo(requests, responses, context));

    public async Task ServerReflectionInfo(IAsyncStreamReader<ServerReflectionRequest> requests, IServerStreamWriter<ServerReflectionResponse> responses, ServerCallContext context)
    {
        while (await requests.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            var request = V1.ServerReflectionRequest.Parser.ParseFrom(requests.Current.ToByteString());
            var answer = ReflectionV1Service.Answer(index, request);
            await responses.WriteAsync(ServerReflectionResponse.Parser.ParseFrom(answer.ToByteString()), context.CancellationToken).ConfigureAwait(false);
        }
    }
}
