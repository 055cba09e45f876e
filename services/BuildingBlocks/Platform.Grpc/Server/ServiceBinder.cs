using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Http;

namespace Platform.Grpc;

/// <summary>Binds typed handlers to the methods of one protobuf service.</summary>
public sealed class ServiceBinder<TService> where TService : class
{
    private readonly Dictionary<string, RequestDelegate> _bound = new(StringComparer.Ordinal);
    private readonly ResolvedServerOptions _options;
    private readonly ServiceActivator<TService> _activator;

    internal ServiceBinder(ServiceDescriptor descriptor, ResolvedServerOptions options, ServiceActivator<TService> activator)
    {
        Descriptor = descriptor;
        _options = options;
        _activator = activator;
    }

    public ServiceDescriptor Descriptor { get; }

    internal IReadOnlyDictionary<string, RequestDelegate> Bound => _bound;

    public ServiceBinder<TService> Unary<TRequest, TResponse>(string method, Func<TService, TRequest, ServerCallContext, Task<TResponse>> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var info = Resolve<TRequest, TResponse>(method, clientStreaming: false, serverStreaming: false);
        UnaryServerMethod<TRequest, TResponse> invoker = (request, context) => handler((TService)context.Service, request, context);
        var interceptors = _options.Interceptors;
        for (var i = interceptors.Count - 1; i >= 0; i--)
        {
            var interceptor = interceptors[i];
            var next = invoker;
            invoker = (request, context) => interceptor.UnaryServerHandler(request, context, next);
        }
        _bound[method] = new UnaryCallHandler<TService, TRequest, TResponse>(info, _activator, invoker).HandleCallAsync;
        return this;
    }

    public ServiceBinder<TService> ServerStreaming<TRequest, TResponse>(string method, Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var info = Resolve<TRequest, TResponse>(method, clientStreaming: false, serverStreaming: true);
        ServerStreamingServerMethod<TRequest, TResponse> invoker = (request, stream, context) => handler((TService)context.Service, request, stream, context);
        var interceptors = _options.Interceptors;
        for (var i = interceptors.Count - 1; i >= 0; i--)
        {
            var interceptor = interceptors[i];
            var next = invoker;
            invoker = (request, stream, context) => interceptor.ServerStreamingServerHandler(request, stream, context, next);
        }
        _bound[method] = new ServerStreamingCallHandler<TService, TRequest, TResponse>(info, _activator, invoker).HandleCallAsync;
        return this;
    }

    public ServiceBinder<TService> ClientStreaming<TRequest, TResponse>(string method, Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var info = Resolve<TRequest, TResponse>(method, clientStreaming: true, serverStreaming: false);
        ClientStreamingServerMethod<TRequest, TResponse> invoker = (stream, context) => handler((TService)context.Service, stream, context);
        var interceptors = _options.Interceptors;
        for (var i = interceptors.Count - 1; i >= 0; i--)
        {
            var interceptor = interceptors[i];
            var next = invoker;
            invoker = (stream, context) => interceptor.ClientStreamingServerHandler(stream, context, next);
        }
        _bound[method] = new ClientStreamingCallHandler<TService, TRequest, TResponse>(info, _activator, invoker).HandleCallAsync;
        return this;
    }

    public ServiceBinder<TService> DuplexStreaming<TRequest, TResponse>(string method, Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var info = Resolve<TRequest, TResponse>(method, clientStreaming: true, serverStreaming: true);
        DuplexStreamingServerMethod<TRequest, TResponse> invoker = (requests, responses, context) => handler((TService)context.Service, requests, responses, context);
        var interceptors = _options.Interceptors;
        for (var i = interceptors.Count - 1; i >= 0; i--)
        {
            var interceptor = interceptors[i];
            var next = invoker;
            invoker = (requests, responses, context) => interceptor.DuplexStreamingServerHandler(requests, responses, context, next);
        }
        _bound[method] = new DuplexStreamingCallHandler<TService, TRequest, TResponse>(info, _activator, invoker).HandleCallAsync;
        return this;
    }

    private ServerMethodInfo Resolve<TRequest, TResponse>(string method, bool clientStreaming, bool serverStreaming)
    {
        var descriptor = Descriptor.FindMethodByName(method)
            ?? throw new InvalidOperationException($"Service {Descriptor.FullName} has no method '{method}'.");
        if (descriptor.IsClientStreaming != clientStreaming || descriptor.IsServerStreaming != serverStreaming)
        {
            throw new InvalidOperationException($"Method {Descriptor.FullName}/{method} is bound with the wrong call kind.");
        }
        if (descriptor.InputType.ClrType != typeof(TRequest) || descriptor.OutputType.ClrType != typeof(TResponse))
        {
            throw new InvalidOperationException(
                $"Method {Descriptor.FullName}/{method} takes {descriptor.InputType.FullName} and returns {descriptor.OutputType.FullName}; bound with {typeof(TRequest).Name} -> {typeof(TResponse).Name}.");
        }
        if (_bound.ContainsKey(method))
        {
            throw new InvalidOperationException($"Method {Descriptor.FullName}/{method} is bound twice.");
        }
        return new ServerMethodInfo(descriptor, _options);
    }
}
