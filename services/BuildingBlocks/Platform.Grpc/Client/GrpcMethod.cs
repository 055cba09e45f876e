using System.Collections.Concurrent;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Platform.Grpc.Client;

/// <summary>The four call kinds.</summary>
public enum MethodType
{
    Unary,
    ClientStreaming,
    ServerStreaming,
    DuplexStreaming,
}

/// <summary>A typed method handle for client calls, built once from a protobuf <see cref="MethodDescriptor"/>.</summary>
public sealed class GrpcMethod<TRequest, TResponse>
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private GrpcMethod(MethodDescriptor descriptor)
    {
        if (descriptor.InputType.ClrType != typeof(TRequest) || descriptor.OutputType.ClrType != typeof(TResponse))
        {
            throw new ArgumentException(
                $"Method {descriptor.FullName} takes {descriptor.InputType.FullName} and returns {descriptor.OutputType.FullName}, not {typeof(TRequest).Name} -> {typeof(TResponse).Name}.",
                nameof(descriptor));
        }
        Descriptor = descriptor;
        Path = "/" + descriptor.Service.FullName + "/" + descriptor.Name;
        ResponseParser = (MessageParser<TResponse>)descriptor.OutputType.Parser;
        Type = descriptor.IsClientStreaming
            ? (descriptor.IsServerStreaming ? MethodType.DuplexStreaming : MethodType.ClientStreaming)
            : (descriptor.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary);
        var level = descriptor.GetOptions()?.IdempotencyLevel ?? MethodOptions.Types.IdempotencyLevel.IdempotencyUnknown;
        IsIdempotent = level is MethodOptions.Types.IdempotencyLevel.Idempotent or MethodOptions.Types.IdempotencyLevel.NoSideEffects;
    }

    public MethodDescriptor Descriptor { get; }

    /// <summary>/package.Service/Method</summary>
    public string Path { get; }

    public MethodType Type { get; }

    /// <summary>True when the proto marks the method <c>idempotency_level = IDEMPOTENT</c> or <c>NO_SIDE_EFFECTS</c>.</summary>
    public bool IsIdempotent { get; }

    internal MessageParser<TResponse> ResponseParser { get; }

    private static readonly ConcurrentDictionary<MethodDescriptor, GrpcMethod<TRequest, TResponse>> Cache = new();

    /// <summary>The (cached) typed handle for a method descriptor.</summary>
    public static GrpcMethod<TRequest, TResponse> For(MethodDescriptor descriptor) =>
        Cache.GetOrAdd(descriptor, static d => new GrpcMethod<TRequest, TResponse>(d));
}
