using Platform.Grpc;

namespace Platform.ServiceDefaults.Identity;

/// <summary>A refusal thrown by application code becomes UNAUTHENTICATED / PERMISSION_DENIED with its reason, not UNKNOWN.</summary>
public sealed class AccessDeniedInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try { return await continuation(request, context); }
        catch (AccessDeniedException denied) { throw ToRpc(denied); }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try { await continuation(request, responseStream, context); }
        catch (AccessDeniedException denied) { throw ToRpc(denied); }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try { return await continuation(requestStream, context); }
        catch (AccessDeniedException denied) { throw ToRpc(denied); }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try { await continuation(requestStream, responseStream, context); }
        catch (AccessDeniedException denied) { throw ToRpc(denied); }
    }

    private static RpcException ToRpc(AccessDeniedException denied) =>
        new(denied.Unauthenticated ? StatusCode.Unauthenticated : StatusCode.PermissionDenied, denied.Message);
}
