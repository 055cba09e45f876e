using Platform.Grpc;

namespace Platform.ServiceDefaults.Validation;

/// <summary>Refuses requests whose text fields hold NUL (see <see cref="TextGuard"/>) before any handler sees them.</summary>
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
}
