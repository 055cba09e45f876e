using Google.Protobuf;

namespace Platform.Grpc;

internal sealed class UnaryCallHandler<TService, TRequest, TResponse>(
    ServerMethodInfo method, ServiceActivator<TService> activator, UnaryServerMethod<TRequest, TResponse> invoker)
    : ServerCallHandler<TService, TRequest, TResponse>(method, activator)
    where TService : class
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    protected override bool IsStreaming => false;

    protected override async Task RunAsync(ServerCallContext call)
    {
        var request = await ReadSingleRequestAsync(call).ConfigureAwait(false);
        var response = await invoker(request, call).ConfigureAwait(false);
        await WriteUnaryResponseAsync(call, response).ConfigureAwait(false);
    }
}

internal sealed class ServerStreamingCallHandler<TService, TRequest, TResponse>(
    ServerMethodInfo method, ServiceActivator<TService> activator, ServerStreamingServerMethod<TRequest, TResponse> invoker)
    : ServerCallHandler<TService, TRequest, TResponse>(method, activator)
    where TService : class
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    protected override bool IsStreaming => true;

    protected override async Task RunAsync(ServerCallContext call)
    {
        var request = await ReadSingleRequestAsync(call).ConfigureAwait(false);
        await invoker(request, new HttpResponseStreamWriter<TResponse>(call), call).ConfigureAwait(false);
    }
}

internal sealed class ClientStreamingCallHandler<TService, TRequest, TResponse>(
    ServerMethodInfo method, ServiceActivator<TService> activator, ClientStreamingServerMethod<TRequest, TResponse> invoker)
    : ServerCallHandler<TService, TRequest, TResponse>(method, activator)
    where TService : class
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    protected override bool IsStreaming => true;

    protected override async Task RunAsync(ServerCallContext call)
    {
        var response = await invoker(new HttpRequestStreamReader<TRequest>(call, Parser), call).ConfigureAwait(false);
        await WriteUnaryResponseAsync(call, response).ConfigureAwait(false);
    }
}

internal sealed class DuplexStreamingCallHandler<TService, TRequest, TResponse>(
    ServerMethodInfo method, ServiceActivator<TService> activator, DuplexStreamingServerMethod<TRequest, TResponse> invoker)
    : ServerCallHandler<TService, TRequest, TResponse>(method, activator)
    where TService : class
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    protected override bool IsStreaming => true;

    protected override Task RunAsync(ServerCallContext call) =>
        invoker(new HttpRequestStreamReader<TRequest>(call, Parser), new HttpResponseStreamWriter<TResponse>(call), call);
}
