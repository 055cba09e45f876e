using System.Diagnostics.CodeAnalysis;
using Google.Protobuf;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;
using Platform.Grpc.Compression;

namespace Platform.Grpc;

/// <summary>Common request handling: validation, deadline, status and error mapping.</summary>
internal abstract class ServerCallHandler<TService, TRequest, TResponse>
    where TService : class
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly ServiceActivator<TService> _activator;

    protected ServerCallHandler(ServerMethodInfo method, ServiceActivator<TService> activator)
    {
        Method = method;
        _activator = activator;
        Parser = (MessageParser<TRequest>)method.Descriptor.InputType.Parser;
    }

    protected ServerMethodInfo Method { get; }

    protected MessageParser<TRequest> Parser { get; }

    protected abstract bool IsStreaming { get; }

    protected abstract Task RunAsync(ServerCallContext call);

    public async Task HandleCallAsync(HttpContext httpContext)
    {
        if (!TryCreateCall(httpContext, Method, out var call))
        {
            return;
        }
        ConfigureRequestLimits(httpContext, IsStreaming);

        TService? service = null;
        try
        {
            service = _activator.Create(httpContext);
            call.Service = service;
            if (call.HasDeadline)
            {
                await RunWithDeadlineAsync(call).ConfigureAwait(false);
            }
            else
            {
                await RunAsync(call).ConfigureAwait(false);
            }
            if (!call.IsCompleted)
            {
                await CompleteAsync(call, call.Status, null, null).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            await HandleExceptionAsync(call, ex).ConfigureAwait(false);
        }
        finally
        {
            if (service is not null)
            {
                await _activator.ReleaseAsync(service).ConfigureAwait(false);
            }
            call.DisposeCall();
        }
    }

    /// <summary>Validates content-type and grpc-encoding, parses grpc-timeout. Writes the error response when it fails.</summary>
    internal static bool TryCreateCall(HttpContext httpContext, ServerMethodInfo method, [NotNullWhen(true)] out ServerCallContext? call)
    {
        call = null;
        var request = httpContext.Request;
        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            httpContext.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            httpContext.Response.Headers.Connection = "Upgrade";
            httpContext.Response.Headers.Upgrade = "HTTP/2";
            httpContext.Response.Headers[GrpcProtocol.StatusHeader] = ServerCallContext.StatusText(StatusCode.Internal);
            httpContext.Response.Headers[GrpcProtocol.MessageHeader] = "gRPC requires HTTP/2.";
            return false;
        }
        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            httpContext.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            httpContext.Response.Headers[GrpcProtocol.StatusHeader] = ServerCallContext.StatusText(StatusCode.Internal);
            httpContext.Response.Headers[GrpcProtocol.MessageHeader] = PercentEncoding.Encode($"Content-Type '{request.ContentType}' is not supported.");
            return false;
        }

        ICompressionProvider? decompression = null;
        var headers = request.Headers;
        var encoding = headers[GrpcProtocol.EncodingHeader].ToString();
        var unsupportedEncoding = false;
        if (encoding.Length > 0 && !string.Equals(encoding, GrpcProtocol.Identity, StringComparison.OrdinalIgnoreCase))
        {
            decompression = method.Options.Compression.Find(encoding);
            unsupportedEncoding = decompression is null;
        }

        call = new ServerCallContext(httpContext, method, decompression);
        if (unsupportedEncoding)
        {
            httpContext.Response.Headers[GrpcProtocol.AcceptEncodingHeader] = method.Options.Compression.AcceptEncoding;
            call.TryWriteStatus(new Status(StatusCode.Unimplemented, $"Unsupported grpc-encoding value '{encoding}'. Supported encodings: {method.Options.Compression.AcceptEncoding}"), null, null);
            call = null;
            return false;
        }

        var timeout = headers[GrpcProtocol.TimeoutHeader];
        if (timeout.Count > 0)
        {
            if (GrpcTimeout.TryParse(timeout.ToString(), out var span))
            {
                call.SetDeadline(span);
            }
        }
        return true;
    }

    internal static void ConfigureRequestLimits(HttpContext httpContext, bool streaming)
    {
        var features = httpContext.Features;
        var maxBody = features.Get<IHttpMaxRequestBodySizeFeature>();
        if (maxBody is { IsReadOnly: false })
        {
            maxBody.MaxRequestBodySize = null;
        }
        if (streaming)
        {
            var minRate = features.Get<IHttpMinRequestBodyDataRateFeature>();
            if (minRate is not null)
            {
                minRate.MinDataRate = null;
            }
            var minResponseRate = features.Get<IHttpMinResponseDataRateFeature>();
            if (minResponseRate is not null)
            {
                minResponseRate.MinDataRate = null;
            }
            features.Get<IHttpRequestTimeoutFeature>()?.DisableTimeout();
        }
    }

    private async Task RunWithDeadlineAsync(ServerCallContext call)
    {
        var handlerTask = RunAsync(call);
        if (handlerTask.IsCompleted)
        {
            await handlerTask.ConfigureAwait(false);
            return;
        }
        var winner = await Task.WhenAny(handlerTask, call.DeadlineTask).ConfigureAwait(false);
        if (winner == handlerTask || !call.DeadlineExpired)
        {
            await handlerTask.ConfigureAwait(false);
            return;
        }

        // Deadline first: answer DEADLINE_EXCEEDED now, then wait for the handler to observe cancellation.
        await CompleteAsync(call, new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"), null, null).ConfigureAwait(false);
        ResetStream(call.HttpContext);
        try
        {
            await handlerTask.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or RpcException or ConnectionAbortedException)
        {
        }
        catch (Exception ex)
        {
            call.MethodInfo.Options.Logger.LogError(ex, "gRPC handler {Method} failed after its deadline.", call.Method);
        }
    }

    private static void ResetStream(HttpContext httpContext)
    {
        try
        {
            httpContext.Features.Get<IHttpResetFeature>()?.Reset(8);
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>Writes the status (Trailers-Only or trailers) under the write lock, then completes the response.</summary>
    internal static async Task CompleteAsync(ServerCallContext call, Status status, Metadata? trailers, Google.Rpc.Status? details)
    {
        await call.EnterWriteAsync().ConfigureAwait(false);
        bool written;
        try
        {
            written = call.TryWriteStatus(status, trailers, details);
        }
        finally
        {
            call.ExitWrite();
        }
        if (written && call.HasDeadline)
        {
            try
            {
                await call.HttpContext.Response.CompleteAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or ConnectionAbortedException or InvalidOperationException)
            {
            }
        }
    }

    private static async Task HandleExceptionAsync(ServerCallContext call, Exception ex)
    {
        var httpContext = call.HttpContext;
        if (call.IsCompleted)
        {
            return;
        }
        if (call.DeadlineExpired)
        {
            await CompleteAsync(call, new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"), null, null).ConfigureAwait(false);
            ResetStream(httpContext);
            return;
        }
        if (httpContext.RequestAborted.IsCancellationRequested
            || ex is IOException or ConnectionAbortedException or ConnectionResetException
            || (ex is OperationCanceledException && call.CancellationToken.IsCancellationRequested))
        {
            // The client went away: nothing can be sent.
            call.MarkCompleted();
            return;
        }
        switch (ex)
        {
            case RpcException rpc:
                await CompleteAsync(call, rpc.Status, rpc.Trailers, rpc.Details).ConfigureAwait(false);
                break;
            case BadHttpRequestException:
                await CompleteAsync(call, new Status(StatusCode.Internal, "Bad request."), null, null).ConfigureAwait(false);
                break;
            default:
                call.MethodInfo.Options.Logger.LogError(ex, "gRPC handler {Method} threw an exception.", call.Method);
                await CompleteAsync(call, new Status(StatusCode.Unknown, "Exception was thrown by handler."), null, null).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Reads the single request message of a unary or server-streaming call and checks the stream ends.</summary>
    protected ValueTask<TRequest> ReadSingleRequestAsync(ServerCallContext call)
    {
        // Usually the whole body (one message and the end of the stream) is already buffered.
        var reader = call.HttpContext.Request.BodyReader;
        if (reader.TryRead(out var result))
        {
            var body = result.Buffer;
            var parsed = false;
            try
            {
                if (result.IsCompleted
                    && MessageCodec.TryParseWholeBody(body, Parser, call.RequestDecompression, Method.Options.MaxReceiveMessageSize, out var message, out var compressed))
                {
                    parsed = true;
                    call.RequestMessageCompressed = compressed;
                    return new ValueTask<TRequest>(message);
                }
            }
            finally
            {
                reader.AdvanceTo(parsed ? body.End : body.Start);
            }
        }
        return ReadSingleRequestSlowAsync(call);
    }

    private async ValueTask<TRequest> ReadSingleRequestSlowAsync(ServerCallContext call)
    {
        var reader = call.HttpContext.Request.BodyReader;
        var options = Method.Options;
        var (message, compressed) = await MessageCodec.ReadMessageAsync(reader, Parser, call.RequestDecompression, options.MaxReceiveMessageSize, call.ReadToken).ConfigureAwait(false);
        if (message is null)
        {
            // statuscodes.md: a request cardinality violation is UNIMPLEMENTED.
            throw new RpcException(StatusCode.Unimplemented, "Request did not include a message.");
        }
        call.RequestMessageCompressed = compressed;
        var (extra, _) = await MessageCodec.ReadMessageAsync(reader, Parser, call.RequestDecompression, options.MaxReceiveMessageSize, call.ReadToken).ConfigureAwait(false);
        if (extra is not null)
        {
            throw new RpcException(StatusCode.Unimplemented, "Unary request included more than one message.");
        }
        return message;
    }

    /// <summary>Writes the single response message and OK status of a unary or client-streaming call.</summary>
    protected static async Task WriteUnaryResponseAsync(ServerCallContext call, TResponse? response)
    {
        if (call.Status.StatusCode != StatusCode.OK)
        {
            return; // HandleCallAsync writes the status set by the handler.
        }
        if (response is null)
        {
            throw new RpcException(StatusCode.Internal, "Handler returned no response.");
        }
        await call.EnterWriteAsync().ConfigureAwait(false);
        try
        {
            if (call.IsCompleted)
            {
                return;
            }
            if (!call.HttpContext.Response.HasStarted)
            {
                // Headers, message and trailers go out together when the call completes.
                call.PrepareResponseHeaders();
            }
            call.WriteMessageCore(response, ((call.WriteOptions?.Flags ?? WriteFlags.None) & WriteFlags.NoCompress) != 0);
            call.TryWriteStatus(Status.DefaultSuccess, null, null);
        }
        finally
        {
            call.ExitWrite();
        }
    }
}

/// <summary>
/// Creates the service instance for a call. Registered singletons are resolved once; other
/// registrations come from the request's scope; unregistered types are constructed per call
/// (without creating a request scope when the constructor takes no dependencies).
/// </summary>
internal sealed class ServiceActivator<TService> where TService : class
{
    private static readonly IServiceProvider NoServices = new EmptyServiceProvider();

    private readonly TService? _singleton;
    private readonly bool _fromContainer;
    private readonly bool _needsServices;
    private readonly Microsoft.Extensions.DependencyInjection.ObjectFactory<TService>? _factory;

    public ServiceActivator(IServiceProvider services)
    {
        var lifetime = services.GetService(typeof(GrpcServiceLifetimes)) is GrpcServiceLifetimes lifetimes
            ? lifetimes.Find(typeof(TService))
            : null;
        if (lifetime == Microsoft.Extensions.DependencyInjection.ServiceLifetime.Singleton)
        {
            _singleton = (TService)services.GetService(typeof(TService))!;
            return;
        }
        var isService = services.GetService(typeof(Microsoft.Extensions.DependencyInjection.IServiceProviderIsService)) as Microsoft.Extensions.DependencyInjection.IServiceProviderIsService;
        _fromContainer = lifetime is not null || (isService?.IsService(typeof(TService)) ?? false);
        if (!_fromContainer)
        {
            _factory = Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateFactory<TService>([]);
            var constructors = typeof(TService).GetConstructors();
            _needsServices = !(constructors.Length == 1 && constructors[0].GetParameters().Length == 0);
        }
    }

    public TService Create(Microsoft.AspNetCore.Http.HttpContext httpContext)
    {
        if (_singleton is not null)
        {
            return _singleton;
        }
        if (_fromContainer)
        {
            return (TService)httpContext.RequestServices.GetService(typeof(TService))!;
        }
        return _factory!(_needsServices ? httpContext.RequestServices : NoServices, null);
    }

    public ValueTask ReleaseAsync(TService service)
    {
        if (_singleton is not null || _fromContainer)
        {
            return ValueTask.CompletedTask;
        }
        if (service is IAsyncDisposable asyncDisposable)
        {
            return asyncDisposable.DisposeAsync();
        }
        (service as IDisposable)?.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed class EmptyServiceProvider : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}

/// <summary>The DI lifetimes of registered types, captured by AddGrpcServer (read when services are mapped).</summary>
internal sealed class GrpcServiceLifetimes(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
{
    public Microsoft.Extensions.DependencyInjection.ServiceLifetime? Find(Type type)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType == type && !descriptor.IsKeyedService)
            {
                return descriptor.Lifetime;
            }
        }
        return null;
    }
}
