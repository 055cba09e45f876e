using Google.Protobuf.Reflection;
using Grpc.Reflection.V1;

namespace Platform.Grpc.Reflection;

/// <summary><c>grpc.reflection.v1.ServerReflection</c>: ServerReflectionInfo (bidi).</summary>
public sealed class ReflectionV1Service(ReflectionIndex index) : IGrpcService<ReflectionV1Service>
{
    public static ServiceDescriptor Descriptor => ReflectionReflection.Descriptor.Services[0];

    public static void Bind(ServiceBinder<ReflectionV1Service> binder) =>
        binder.DuplexStreaming<ServerReflectionRequest, ServerReflectionResponse>(
            "ServerReflectionInfo", static (s, requests, responses, context) => s.ServerReflectionInfo(requests, responses, context));

    public async Task ServerReflectionInfo(IAsyncStreamReader<ServerReflectionRequest> requests, IServerStreamWriter<ServerReflectionResponse> responses, ServerCallContext context)
    {
        while (await requests.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            await responses.WriteAsync(Answer(index, requests.Current), context.CancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The answer to one request; v1alpha's messages are the same on the wire and use it too.</summary>
    internal static ServerReflectionResponse Answer(ReflectionIndex index, ServerReflectionRequest request)
    {
        var response = new ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        switch (request.MessageRequestCase)
        {
            case ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                var list = new ListServiceResponse();
                foreach (var name in index.ServiceNames)
                {
                    list.Service.Add(new ServiceResponse { Name = name });
                }
                response.ListServicesResponse = list;
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                SetFile(response, index.FindFileByName(request.FileByFilename), $"File not found: {request.FileByFilename}");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                SetFile(response, index.FindFileContainingSymbol(request.FileContainingSymbol), $"Symbol not found: {request.FileContainingSymbol}");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension:
                response.ErrorResponse = new ErrorResponse { ErrorCode = (int)StatusCode.NotFound, ErrorMessage = "Extensions are not supported." };
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType:
                if (index.FindMessage(request.AllExtensionNumbersOfType) is null)
                {
                    response.ErrorResponse = new ErrorResponse { ErrorCode = (int)StatusCode.NotFound, ErrorMessage = $"Type not found: {request.AllExtensionNumbersOfType}" };
                }
                else
                {
                    response.AllExtensionNumbersResponse = new ExtensionNumberResponse { BaseTypeName = request.AllExtensionNumbersOfType };
                }
                break;
            default:
                response.ErrorResponse = new ErrorResponse { ErrorCode = (int)StatusCode.Unimplemented, ErrorMessage = "Request is not supported." };
                break;
        }
        return response;
    }

    private static void SetFile(ServerReflectionResponse response, FileDescriptor? file, string notFound)
    {
        if (file is null)
        {
            response.ErrorResponse = new ErrorResponse { ErrorCode = (int)StatusCode.NotFound, ErrorMessage = notFound };
            return;
        }
        var files = new FileDescriptorResponse();
        files.FileDescriptorProto.Add(ReflectionIndex.WithDependencies(file));
        response.FileDescriptorResponse = files;
    }
}
