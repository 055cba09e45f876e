using System.Collections.Concurrent;
using System.Net.Http;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Platform.Grpc.Compression;

namespace Platform.Grpc.Client;

/// <summary>
/// A client channel to one target (http:// for h2c, https:// for TLS). Channels share one
/// process-wide SocketsHttpHandler (HTTP/2, multiple connections, keep-alive pings, no proxy)
/// unless a handler is given. Thread-safe; create once per target.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    private static readonly Lazy<SocketsHttpHandler> LazySharedHandler = new(CreateSharedHandler);

    private readonly ConcurrentDictionary<string, Uri> _uris = new(StringComparer.Ordinal);
    private readonly bool _disposeHandler;
    private int _disposed;

    private GrpcChannel(Uri address, GrpcChannelOptions options)
    {
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException("The address must be http:// (h2c) or https:// (TLS).", nameof(address));
        }
        Address = address;
        Options = options;
        Compression = new CompressionProviders(options.CompressionProviders) { Level = options.CompressionLevel };
        var handler = options.HttpHandler ?? LazySharedHandler.Value;
        _disposeHandler = options.HttpHandler is not null && options.DisposeHttpHandler;
        HttpClient = new HttpClient(handler, disposeHandler: false)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = System.Net.HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        _handler = handler;
    }

    private readonly HttpMessageHandler _handler;

    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null) =>
        ForAddress(new Uri(address, UriKind.Absolute), options);

    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null) =>
        new(address, options ?? new GrpcChannelOptions());

    /// <summary>The process-wide handler used by channels without their own.</summary>
    public static SocketsHttpHandler SharedHandler => LazySharedHandler.Value;

    public Uri Address { get; }

    public GrpcChannelOptions Options { get; }

    internal CompressionProviders Compression { get; }

    internal HttpClient HttpClient { get; }

    internal Uri GetUri(string path) =>
        _uris.GetOrAdd(path, static (p, address) => new Uri(address, p), Address);

    /// <summary>Creates a handler configured for gRPC (exposed for custom TLS settings).</summary>
    public static SocketsHttpHandler CreateSharedHandler() => new()
    {
        EnableMultipleHttp2Connections = true,
        KeepAlivePingDelay = TimeSpan.FromSeconds(60),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(20),
    };

    // ---- Unary ----

    /// <summary>A unary call; retries UNAVAILABLE for idempotent methods per the channel's retry policy.</summary>
    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var retry = Options.Retry;
        var idempotent = options.Idempotent ?? method.IsIdempotent;
        var maxAttempts = retry is not null && idempotent ? Math.Max(1, retry.MaxAttempts) : 1;
        var backoff = retry?.InitialBackoff ?? TimeSpan.Zero;
        for (var attempt = 1; ; attempt++)
        {
            using var call = new ClientCall<TRequest, TResponse>(this, method, options);
            try
            {
                call.StartWithMessage(request);
                return await ReadUnaryResponseAsync(call).ConfigureAwait(false);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable && attempt < maxAttempts)
            {
                var delay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * backoff.TotalMilliseconds);
                if (ClientCall<TRequest, TResponse>.NormalizeDeadline(options.Deadline) is { } deadline && DateTime.UtcNow + delay >= deadline)
                {
                    throw;
                }
                try
                {
                    await Task.Delay(delay, options.CancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    throw new RpcException(new Status(StatusCode.Cancelled, "Call canceled by the client."));
                }
                backoff = TimeSpan.FromMilliseconds(Math.Min(retry!.MaxBackoff.TotalMilliseconds, backoff.TotalMilliseconds * retry.BackoffMultiplier));
            }
        }
    }

    public Task<TResponse> UnaryAsync<TRequest, TResponse>(MethodDescriptor method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
        => UnaryAsync(GrpcMethod<TRequest, TResponse>.For(method), request, options);

    /// <summary>A unary call with access to response headers, trailers and status.</summary>
    public AsyncUnaryCall<TResponse> Unary<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var call = new ClientCall<TRequest, TResponse>(this, method, options);
        try
        {
            call.StartWithMessage(request);
        }
        catch
        {
            call.Dispose();
            throw;
        }
        return new AsyncUnaryCall<TResponse>(ReadUnaryResponseAsync(call), call.GetResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    private static async Task<TResponse> ReadUnaryResponseAsync<TRequest, TResponse>(ClientCall<TRequest, TResponse> call)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        try
        {
            var message = await call.ReadMessageAsync().ConfigureAwait(false)
                ?? throw call.CardinalityViolation("The server returned OK without a response message.");
            var extra = await call.ReadMessageAsync().ConfigureAwait(false);
            if (extra is not null)
            {
                throw call.CardinalityViolation("The server returned more than one response message for a unary call.");
            }
            return message;
        }
        finally
        {
            call.ReleaseIfCompleted();
        }
    }

    // ---- Server streaming ----

    public AsyncServerStreamingCall<TResponse> ServerStreaming<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var call = new ClientCall<TRequest, TResponse>(this, method, options);
        try
        {
            call.StartWithMessage(request);
        }
        catch
        {
            call.Dispose();
            throw;
        }
        return new AsyncServerStreamingCall<TResponse>(new ClientResponseStream<TRequest, TResponse>(call), call.GetResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public AsyncServerStreamingCall<TResponse> ServerStreaming<TRequest, TResponse>(MethodDescriptor method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
        => ServerStreaming(GrpcMethod<TRequest, TResponse>.For(method), request, options);

    // ---- Client streaming ----

    public AsyncClientStreamingCall<TRequest, TResponse> ClientStreaming<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var call = new ClientCall<TRequest, TResponse>(this, method, options);
        call.StartStreaming();
        return new AsyncClientStreamingCall<TRequest, TResponse>(new ClientRequestStream<TRequest, TResponse>(call), ReadUnaryResponseAsync(call), call.GetResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public AsyncClientStreamingCall<TRequest, TResponse> ClientStreaming<TRequest, TResponse>(MethodDescriptor method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
        => ClientStreaming(GrpcMethod<TRequest, TResponse>.For(method), options);

    // ---- Duplex streaming ----

    public AsyncDuplexStreamingCall<TRequest, TResponse> DuplexStreaming<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var call = new ClientCall<TRequest, TResponse>(this, method, options);
        call.StartStreaming();
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(
            new ClientRequestStream<TRequest, TResponse>(call), new ClientResponseStream<TRequest, TResponse>(call),
            call.GetResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public AsyncDuplexStreamingCall<TRequest, TResponse> DuplexStreaming<TRequest, TResponse>(MethodDescriptor method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
        => DuplexStreaming(GrpcMethod<TRequest, TResponse>.For(method), options);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        HttpClient.Dispose();
        if (_disposeHandler)
        {
            _handler.Dispose();
        }
    }
}
