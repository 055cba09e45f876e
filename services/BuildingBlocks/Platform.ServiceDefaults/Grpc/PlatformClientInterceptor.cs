using Grpc.Core;
using Grpc.Core.Interceptors;
using Platform.ServiceDefaults.Identity;

namespace Platform.ServiceDefaults.Grpc;

/// <summary>The client half of <see cref="GrpcClientPolicy"/>: refusal when unconfigured, identity header, default deadline.</summary>
public sealed class PlatformClientInterceptor(string peer, bool configured, string callerService, InternalIdentityToken tokens, GrpcDeadlines deadlines)
    : Interceptor
{
    private ClientInterceptorContext<TRequest, TResponse> Prepare<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context, TimeSpan deadline)
        where TRequest : class where TResponse : class
    {
        if (!configured)
            throw new RpcException(new Status(StatusCode.Unavailable,
                $"Adres usługi {peer} nie jest skonfigurowany (GrpcClients:{peer}:Address)."));
        var options = context.Options;
        var headers = new Metadata();
        foreach (var entry in options.Headers ?? []) headers.Add(entry);
        // A call made on a user's behalf may carry that user's identity; otherwise the service's own.
        if (headers.Get(InternalIdentityToken.HeaderName) is null)
            headers.Add(InternalIdentityToken.HeaderName, tokens.IssueForService(callerService));
        options = options.WithHeaders(headers);
        if (options.Deadline is null) options = options.WithDeadline(DateTime.UtcNow + deadline);
        return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, options);
    }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, Prepare(context, deadlines.Unary));

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, BlockingUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, Prepare(context, deadlines.Unary));

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, Prepare(context, deadlines.Streaming));

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncClientStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(Prepare(context, deadlines.Streaming));

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(Prepare(context, deadlines.Streaming));
}
