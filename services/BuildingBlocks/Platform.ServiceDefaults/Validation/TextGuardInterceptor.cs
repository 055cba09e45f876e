using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Validation;

/// <summary>
/// Refuses requests whose text fields hold NUL (see <see cref="TextGuard"/>) before any handler sees
/// them: unary and server-streaming requests whole, client streams message by message as they are read
/// (unless the method is marked <see cref="ChecksOwnTextAttribute"/>).
/// </summary>
public sealed class TextGuardInterceptor : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        TextGuard.ThrowIfNul(request);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        TextGuard.ThrowIfNul(request);
        return continuation(request, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
        continuation(Guard(requestStream, context), context);

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        continuation(Guard(requestStream, context), responseStream, context);

    private static IAsyncStreamReader<T> Guard<T>(IAsyncStreamReader<T> stream, ServerCallContext context) =>
        context.GetHttpContext().GetEndpoint()?.Metadata.GetMetadata<ChecksOwnTextAttribute>() is null ? new GuardedReader<T>(stream) : stream;

    private sealed class GuardedReader<T>(IAsyncStreamReader<T> inner) : IAsyncStreamReader<T>
    {
        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            if (!await inner.MoveNext(cancellationToken)) return false;
            TextGuard.ThrowIfNul(inner.Current!);
            return true;
        }
    }
}
