using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using Platform.Grpc.Compression;

namespace Platform.Grpc;

/// <summary>
/// The state of one server call: request metadata, response headers and trailers, deadline,
/// cancellation, peer and caller identity.
/// </summary>
public sealed class ServerCallContext
{
    private readonly ServerMethodInfo _method;
    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;
    private Dictionary<object, object?>? _userState;
    private CancellationTokenSource? _deadlineCts;
    private TaskCompletionSource? _deadlineSignal;
    private SemaphoreSlim? _writeLock;
    private int _completed;
    private bool _deadlineExpired;
    private bool _responseStarted;
    private CancellationToken _requestAborted;
    private bool _requestAbortedRead;

    internal ServerCallContext(HttpContext httpContext, ServerMethodInfo method, ICompressionProvider? requestDecompression)
    {
        HttpContext = httpContext;
        _method = method;
        RequestDecompression = requestDecompression;
        Deadline = DateTime.MaxValue;
    }

    /// <summary>The full method path: /package.Service/Method.</summary>
    public string Method => _method.Path;

    /// <summary>The protobuf descriptor of the method.</summary>
    public Google.Protobuf.Reflection.MethodDescriptor MethodDescriptor => _method.Descriptor;

    public string Host => HttpContext.Request.Host.Value ?? "";

    /// <summary>The caller's address: ipv4:1.2.3.4:5678 or ipv6:[::1]:5678.</summary>
    public string Peer
    {
        get
        {
            var connection = HttpContext.Connection;
            var ip = connection.RemoteIpAddress;
            if (ip is null)
            {
                return "unknown";
            }
            if (ip.IsIPv4MappedToIPv6)
            {
                ip = ip.MapToIPv4();
            }
            var port = connection.RemotePort.ToString(CultureInfo.InvariantCulture);
            return ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"ipv6:[{ip}]:{port}" : $"ipv4:{ip}:{port}";
        }
    }

    /// <summary>The deadline in UTC, or <see cref="DateTime.MaxValue"/> when the caller set none.</summary>
    public DateTime Deadline { get; private set; }

    /// <summary>Cancelled when the client cancels or the deadline passes.</summary>
    public CancellationToken CancellationToken => _deadlineCts?.Token ?? RequestAborted;

    /// <summary>
    /// HttpContext.RequestAborted, read once: Kestrel takes a lock on every read, and a stream
    /// handler that checks its token per message would pay that per message.
    /// </summary>
    private CancellationToken RequestAborted
    {
        get
        {
            if (!Volatile.Read(ref _requestAbortedRead))
            {
                _requestAborted = HttpContext.RequestAborted;
                Volatile.Write(ref _requestAbortedRead, true);
            }
            return _requestAborted;
        }
    }

    /// <summary>
    /// The token for reading the request body: the deadline's when there is one; otherwise none
    /// (a client reset fails the read by itself), which spares creating the RequestAborted source.
    /// </summary>
    internal CancellationToken ReadToken => _deadlineCts?.Token ?? default;

    /// <summary>The authenticated caller (HttpContext.User).</summary>
    public ClaimsPrincipal User => HttpContext.User;

    public HttpContext HttpContext { get; }

    /// <summary>Request-scoped services.</summary>
    public IServiceProvider Services => HttpContext.RequestServices;

    /// <summary>Request metadata (custom headers; -bin values decoded).</summary>
    public Metadata RequestHeaders => _requestHeaders ??= MetadataConverter.FromHeaders(HttpContext.Request.Headers);

    /// <summary>Trailers sent with the status at the end of the call.</summary>
    public Metadata ResponseTrailers => _responseTrailers ??= new Metadata();

    /// <summary>
    /// The status sent when the handler returns normally (default OK). Throw
    /// <see cref="RpcException"/> to end the call with an error instead.
    /// </summary>
    public Status Status { get; set; } = Status.DefaultSuccess;

    /// <summary>
    /// Compression for response messages (e.g. "gzip"); used when the client accepts it.
    /// Defaults to the server's <see cref="GrpcServerOptions.ResponseCompressionAlgorithm"/>.
    /// </summary>
    public string? ResponseCompression { get; set; }

    /// <summary>
    /// Default write options for response messages (e.g. <see cref="WriteFlags.NoCompress"/>);
    /// a stream writer's own <c>WriteOptions</c> take precedence.
    /// </summary>
    public WriteOptions? WriteOptions { get; set; }

    /// <summary>Whether the last request message read arrived with the compressed flag set.</summary>
    public bool RequestMessageCompressed { get; internal set; }

    /// <summary>Per-call state for interceptors and handlers.</summary>
    public IDictionary<object, object?> UserState => _userState ??= [];

    internal object Service { get; set; } = null!;

    internal ServerMethodInfo MethodInfo => _method;

    internal ICompressionProvider? RequestDecompression { get; }

    internal ICompressionProvider? ResponseCompressor { get; private set; }

    internal bool IsCompleted => Volatile.Read(ref _completed) != 0;

    internal bool DeadlineExpired => Volatile.Read(ref _deadlineExpired);

    internal bool HasDeadline => _deadlineCts is not null;

    internal Task DeadlineTask => _deadlineSignal!.Task;

    /// <summary>Writes the response headers now (with the given metadata).</summary>
    public async Task WriteResponseHeadersAsync(Metadata responseHeaders)
    {
        await EnterWriteAsync().ConfigureAwait(false);
        try
        {
            if (HttpContext.Response.HasStarted)
            {
                throw new InvalidOperationException("Response headers have already been sent.");
            }
            MetadataConverter.ToHeaders(responseHeaders, HttpContext.Response.Headers);
            await StartResponseAsync().ConfigureAwait(false);
            await HttpContext.Response.BodyWriter.FlushAsync(CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ExitWrite();
        }
    }

    internal void SetDeadline(TimeSpan timeout)
    {
        var max = TimeSpan.FromMilliseconds(int.MaxValue - 1);
        if (timeout > max)
        {
            return; // Effectively infinite.
        }
        Deadline = DateTime.UtcNow + timeout;
        _deadlineSignal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _writeLock = new SemaphoreSlim(1, 1);
        _deadlineCts = CancellationTokenSource.CreateLinkedTokenSource(RequestAborted);
        _deadlineCts.Token.Register(static state =>
        {
            // The timer can fire while the call is ending and Kestrel disposes the HttpContext:
            // only the token read at the start is touched here (reading HttpContext threw on the
            // timer thread and took the process down).
            var call = (ServerCallContext)state!;
            if (!call._requestAborted.IsCancellationRequested)
            {
                Volatile.Write(ref call._deadlineExpired, true);
            }
            call._deadlineSignal!.TrySetResult();
        }, this);
        if (timeout <= TimeSpan.Zero)
        {
            _deadlineCts.Cancel();
        }
        else
        {
            _deadlineCts.CancelAfter(timeout);
        }
    }

    internal ValueTask EnterWriteAsync()
    {
        if (_writeLock is null)
        {
            return ValueTask.CompletedTask;
        }
        return new ValueTask(_writeLock.WaitAsync());
    }

    internal void ExitWrite() => _writeLock?.Release();

    /// <summary>Sets status code, content-type and compression headers, then starts the response.</summary>
    internal Task StartResponseAsync()
    {
        PrepareResponseHeaders();
        return HttpContext.Response.StartAsync();
    }

    internal void PrepareResponseHeaders()
    {
        _responseStarted = true;
        var response = HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcProtocol.ContentType;
        var headers = response.Headers;
        var algorithm = ResponseCompression ?? _method.Options.ResponseCompressionAlgorithm;
        if (algorithm is not null && !string.Equals(algorithm, GrpcProtocol.Identity, StringComparison.OrdinalIgnoreCase))
        {
            var provider = _method.Options.Compression.Find(algorithm);
            if (provider is not null
                && CompressionProviders.AcceptsEncoding(HttpContext.Request.Headers[GrpcProtocol.AcceptEncodingHeader].ToString(), provider.EncodingName))
            {
                ResponseCompressor = provider;
                headers[GrpcProtocol.EncodingHeader] = provider.EncodingName;
            }
        }
    }

    /// <summary>Writes one response message into the body (no flush). Caller holds the write lock.</summary>
    internal void WriteMessageCore<T>(T message, bool noCompress) where T : IMessage<T>
    {
        if (IsCompleted)
        {
            throw new InvalidOperationException("The call has already completed.");
        }
        var options = _method.Options;
        MessageCodec.WriteMessage(HttpContext.Response.BodyWriter, message, noCompress ? null : ResponseCompressor, options.ResponseCompressionLevel, options.MaxSendMessageSize);
    }

    /// <summary>
    /// Writes one response message and flushes it. Caller holds the write lock. A small
    /// uncompressed message is framed in <paramref name="frame"/> (the stream's own buffer) and
    /// handed over in one write-and-flush: Kestrel then takes its stream lock once, not three
    /// times (GetSpan, Advance, FlushAsync), a large part of a 1 KiB message's cost.
    /// </summary>
    internal ValueTask<FlushResult> WriteMessageAndFlushAsync<T>(T message, bool noCompress, ref byte[]? frame, CancellationToken cancellationToken) where T : IMessage<T>
    {
        if (IsCompleted)
        {
            throw new InvalidOperationException("The call has already completed.");
        }
        var options = _method.Options;
        var writer = HttpContext.Response.BodyWriter;
        var compression = noCompress ? null : ResponseCompressor;
        if (compression is null && MessageCodec.TryFrameSmall(message, options.MaxSendMessageSize, ref frame, out var frameSize))
        {
            return writer.WriteAsync(frame.AsMemory(0, frameSize), cancellationToken);
        }
        WriteMessageCore(message, noCompress);
        return writer.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Ends the call with a status: Trailers-Only when nothing was sent yet, else trailers.
    /// Returns false if the call had already completed.
    /// </summary>
    internal bool TryWriteStatus(Status status, Metadata? extraTrailers, Google.Rpc.Status? details)
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0)
        {
            return false;
        }
        var response = HttpContext.Response;
        if (!response.HasStarted && !_responseStarted)
        {
            // Trailers-Only: the status goes in the single HEADERS frame.
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = GrpcProtocol.ContentType;
            var headers = response.Headers;
            headers[GrpcProtocol.StatusHeader] = StatusText(status.StatusCode);
            if (!string.IsNullOrEmpty(status.Detail))
            {
                headers[GrpcProtocol.MessageHeader] = PercentEncoding.Encode(status.Detail);
            }
            if (details is not null)
            {
                headers[GrpcProtocol.StatusDetailsHeader] = Convert.ToBase64String(details.ToByteArray());
            }
            if (_responseTrailers is { Count: > 0 })
            {
                MetadataConverter.ToHeaders(_responseTrailers, headers);
            }
            if (extraTrailers is { Count: > 0 })
            {
                MetadataConverter.ToHeaders(extraTrailers, headers);
            }
            return true;
        }

        var trailers = HttpContext.Features.Get<IHttpResponseTrailersFeature>()?.Trailers;
        if (trailers is null || trailers.IsReadOnly)
        {
            return false;
        }
        trailers[GrpcProtocol.StatusHeader] = StatusText(status.StatusCode);
        if (!string.IsNullOrEmpty(status.Detail))
        {
            trailers[GrpcProtocol.MessageHeader] = PercentEncoding.Encode(status.Detail);
        }
        if (details is not null)
        {
            trailers[GrpcProtocol.StatusDetailsHeader] = Convert.ToBase64String(details.ToByteArray());
        }
        if (_responseTrailers is { Count: > 0 })
        {
            MetadataConverter.ToHeaders(_responseTrailers, trailers);
        }
        if (extraTrailers is { Count: > 0 })
        {
            MetadataConverter.ToHeaders(extraTrailers, trailers);
        }
        return true;
    }

    private static readonly string[] StatusTexts = Enumerable.Range(0, 17).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    internal static string StatusText(StatusCode code) =>
        (uint)code < (uint)StatusTexts.Length ? StatusTexts[(int)code] : ((int)code).ToString(CultureInfo.InvariantCulture);

    internal void DisposeCall()
    {
        _deadlineCts?.Dispose();
    }

    /// <summary>Marks the call as completed without writing (e.g. after a client reset).</summary>
    internal void MarkCompleted() => Volatile.Write(ref _completed, 1);
}
