using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Platform.Grpc.Compression;

namespace Platform.Grpc.Client;

/// <summary>One HTTP/2 exchange of a gRPC call: sending, reading, status, cancellation and deadline.</summary>
internal sealed class ClientCall<TRequest, TResponse> : IDisposable
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private static readonly ProductInfoHeaderValue UserAgent = new("grpc-dotnet-platform", "1.0");

    private readonly GrpcChannel _channel;
    private readonly GrpcMethod<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly DateTime? _deadline;
    private readonly CancellationTokenSource _cts;
    private readonly CancellationTokenRegistration _cancelRegistration;
    private readonly ICompressionProvider? _requestCompression;
    private HttpRequestMessage? _request;
    private PushStreamContent? _pushContent;
    private Task<HttpResponseMessage>? _sendTask;
    private HttpResponseMessage? _response;
    private PipeReader? _reader;
    private ICompressionProvider? _responseDecompression;
    private Status? _status;
    private Metadata? _trailers;
    private HttpHeaders? _trailerHeaders;
    private Google.Rpc.Status? _details;
    private int _disposed;
    private volatile bool _selfCancelled;
    private int _released;

    public ClientCall(GrpcChannel channel, GrpcMethod<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;
        var compression = options.Compression ?? channel.Options.RequestCompression;
        if (compression is not null && !string.Equals(compression, GrpcProtocol.Identity, StringComparison.OrdinalIgnoreCase))
        {
            _requestCompression = channel.Compression.Find(compression)
                ?? throw new ArgumentException($"Unknown compression '{compression}'.", nameof(options));
        }
        _cts = options.CancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken)
            : new CancellationTokenSource();
        _deadline = NormalizeDeadline(options.Deadline);
        if (_deadline is { } deadline)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                _cts.Cancel();
            }
            else if (remaining < TimeSpan.FromMilliseconds(int.MaxValue - 1))
            {
                _cts.CancelAfter(remaining);
            }
        }
        _cancelRegistration = _cts.Token.Register(static s => ((ClientCall<TRequest, TResponse>)s!).OnCancelled(), this);
    }

    public CancellationToken Token => _cts.Token;

    public Status? Status => _status;

    public bool DeadlinePassed => _deadline is { } d && DateTime.UtcNow >= d;

    /// <summary>UTC deadline; null for none (DateTime.MaxValue also means none).</summary>
    internal static DateTime? NormalizeDeadline(DateTime? deadline) => deadline switch
    {
        null => null,
        { } d when d == DateTime.MaxValue => null,
        { Kind: DateTimeKind.Local } d => d.ToUniversalTime(),
        { } d => d,
    };

    /// <summary>Starts a call with one request message (unary, server streaming).</summary>
    public void StartWithMessage(TRequest request)
    {
        var buffer = new PooledBufferWriter(256);
        try
        {
            MessageCodec.WriteMessage(buffer, request, _requestCompression, _channel.Options.CompressionLevel, _channel.Options.MaxSendMessageSize);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
        Start(new SingleMessageContent(buffer));
    }

    /// <summary>Starts a call with a streamed request body (client streaming, duplex).</summary>
    public void StartStreaming()
    {
        _pushContent = new PushStreamContent();
        Start(_pushContent);
    }

    private void Start(HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _channel.GetUri(_method.Path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        var headers = request.Headers;
        headers.TryAddWithoutValidation(GrpcProtocol.TeHeader, "trailers");
        headers.UserAgent.Add(UserAgent);
        headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, _channel.Compression.AcceptEncoding);
        if (_requestCompression is not null)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.EncodingHeader, _requestCompression.EncodingName);
        }
        if (_deadline is { } deadline)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(deadline - DateTime.UtcNow));
        }
        if (_options.Headers is { Count: > 0 } metadata)
        {
            MetadataConverter.ToHeaders(metadata, headers);
        }
        _request = request;
        _sendTask = _channel.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _cts.Token);
    }

    /// <summary>Waits for the response headers; returns false when the call already ended (Trailers-Only or error).</summary>
    public async ValueTask<bool> EnsureResponseAsync()
    {
        if (_reader is not null)
        {
            return true;
        }
        if (_status is not null)
        {
            return false;
        }
        HttpResponseMessage response;
        try
        {
            response = await _sendTask!.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw Fail(ex);
        }
        _response = response;

        if (TryGetHeaderStatus(response, out var status))
        {
            // Trailers-Only (or an HTTP error carrying a gRPC status).
            _trailerHeaders = response.Headers;
            _details = ReadDetails(response.Headers);
            Finish(status);
            return false;
        }
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Finish(new Status(StatusMapping.FromHttpStatus(response.StatusCode), $"Bad gRPC response. HTTP status code: {(int)response.StatusCode}"));
            return false;
        }
        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            Finish(new Status(StatusCode.Unknown, $"Bad gRPC response. Invalid content-type value: {contentType}"));
            return false;
        }
        if (response.Headers.TryGetValues(GrpcProtocol.EncodingHeader, out var encodings))
        {
            var encoding = encodings.FirstOrDefault();
            if (encoding is not null && !string.Equals(encoding, GrpcProtocol.Identity, StringComparison.OrdinalIgnoreCase))
            {
                _responseDecompression = _channel.Compression.Find(encoding);
                if (_responseDecompression is null)
                {
                    Finish(new Status(StatusCode.Internal, $"Unsupported grpc-encoding '{encoding}' in the response."));
                    return false;
                }
            }
        }
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(_cts.Token).ConfigureAwait(false);
            _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        }
        catch (Exception ex)
        {
            throw Fail(ex);
        }
        return true;
    }

    public async Task<Metadata> GetResponseHeadersAsync()
    {
        try
        {
            await _sendTask!.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw Fail(ex);
        }
        var metadata = new Metadata();
        var response = await _sendTask.ConfigureAwait(false);
        if (!response.Headers.NonValidated.Contains(GrpcProtocol.StatusHeader))
        {
            MetadataConverter.AddFromHttpHeaders(metadata, response.Headers);
        }
        return metadata;
    }

    /// <summary>Reads the next response message, or null at the end (status then known; throws if not OK).</summary>
    public async ValueTask<TResponse?> ReadMessageAsync()
    {
        if (!await EnsureResponseAsync().ConfigureAwait(false))
        {
            ThrowIfNotOk();
            return null;
        }
        if (_status is not null)
        {
            ThrowIfNotOk();
            return null;
        }
        TResponse? message;
        try
        {
            (message, _) = await MessageCodec.ReadMessageAsync(_reader!, _method.ResponseParser, _responseDecompression, _channel.Options.MaxReceiveMessageSize, _cts.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw Fail(ex);
        }
        if (message is not null)
        {
            return message;
        }
        ReadTrailers();
        ThrowIfNotOk();
        return null;
    }

    private void ReadTrailers()
    {
        var response = _response!;
        var trailers = response.TrailingHeaders;
        _trailerHeaders = trailers;
        if (TryGetStatus(trailers, out var status))
        {
            _details = ReadDetails(trailers);
            Finish(status);
        }
        else
        {
            Finish(new Status(StatusCode.Internal, "No grpc-status found on response."));
        }
    }

    public Status GetStatus() => _status ?? throw new InvalidOperationException("The status is available once the call has completed.");

    public Metadata GetTrailers() =>
        _status is null ? throw new InvalidOperationException("Trailers are available once the call has completed.") : Trailers;

    /// <summary>The trailers, converted from the HTTP headers on first use.</summary>
    private Metadata Trailers
    {
        get
        {
            if (_trailers is null)
            {
                var trailers = new Metadata();
                if (_trailerHeaders is not null)
                {
                    MetadataConverter.AddFromHttpHeaders(trailers, _trailerHeaders);
                }
                _trailers = trailers;
            }
            return _trailers;
        }
    }

    public void ThrowIfNotOk()
    {
        var status = _status!.Value;
        if (status.StatusCode != StatusCode.OK)
        {
            throw new RpcException(status, Trailers, _details);
        }
    }

    /// <summary>Writes one message on the request stream and flushes it.</summary>
    public async Task WriteAsync(TRequest message, WriteFlags flags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_status is { } finished)
        {
            throw new RpcException(finished.StatusCode == StatusCode.OK ? new Status(StatusCode.Internal, "Call already completed.") : finished, Trailers, _details);
        }
        using var buffer = new PooledBufferWriter(256);
        var compression = (flags & WriteFlags.NoCompress) != 0 ? null : _requestCompression;
        MessageCodec.WriteMessage(buffer, message, compression, _channel.Options.CompressionLevel, _channel.Options.MaxSendMessageSize);
        try
        {
            var token = _cts.Token;
            using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(token, cancellationToken) : null;
            if (linked is not null)
            {
                token = linked.Token;
            }
            var stream = await _pushContent!.StreamTask.WaitAsync(token).ConfigureAwait(false);
            await stream.WriteAsync(buffer.WrittenMemory, token).ConfigureAwait(false);
            if ((flags & WriteFlags.BufferHint) == 0)
            {
                await stream.FlushAsync(token).ConfigureAwait(false);
            }
        }
        catch (RpcException)
        {
            throw;
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && !_cts.IsCancellationRequested && ex is OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex) when (_cts.IsCancellationRequested)
        {
            throw Fail(ex);
        }
        catch (Exception ex)
        {
            // The server may have ended the call (its status is then the real outcome): a
            // failed write must not hide it, so the status is left to the response side.
            throw await WriteFailureAsync(ex).ConfigureAwait(false);
        }
    }

    private async Task<RpcException> WriteFailureAsync(Exception ex)
    {
        if (_status is null)
        {
            try
            {
                await EnsureResponseAsync().ConfigureAwait(false);
            }
            catch (RpcException rpc)
            {
                return rpc;
            }
        }
        if (_status is { } status)
        {
            return new RpcException(status.StatusCode == StatusCode.OK ? new Status(StatusCode.Internal, "Call already completed.") : status, Trailers, _details);
        }
        var mapped = StatusMapping.FromException(ex) ?? new Status(StatusCode.Unavailable, "Failed to send the request message: " + ex.Message);
        return new RpcException(mapped);
    }

    public Task CompleteRequestAsync()
    {
        _pushContent?.Complete();
        return Task.CompletedTask;
    }

    /// <summary>
    /// A response cardinality violation found after the status arrived (OK without a unary response, or
    /// two): UNIMPLEMENTED, as statuscodes.md says; replaces the status and returns the exception to throw.
    /// </summary>
    public RpcException CardinalityViolation(string detail)
    {
        _status = new Status(StatusCode.Unimplemented, detail);
        Cancel();
        return new RpcException(_status.Value, Trailers, null);
    }

    /// <summary>Records the exception's status (deadline/cancel/transport) and returns the exception to throw.</summary>
    public RpcException Fail(Exception ex)
    {
        if (ex is RpcException rpc && _status is null)
        {
            _trailers ??= rpc.Trailers;
            Finish(rpc.Status);
            Cancel();
            return rpc;
        }
        if (_status is null)
        {
            Status status;
            if (_options.CancellationToken.IsCancellationRequested)
            {
                status = new Status(StatusCode.Cancelled, "Call canceled by the client.");
            }
            else if (_deadline is not null && (DeadlinePassed || (_cts.IsCancellationRequested && !_selfCancelled)))
            {
                status = new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
            }
            else if (_cts.IsCancellationRequested || ex is OperationCanceledException)
            {
                status = new Status(StatusCode.Cancelled, "Call canceled by the client.");
            }
            else
            {
                status = StatusMapping.FromException(ex) ?? new Status(StatusCode.Internal, "Error in the gRPC call: " + ex.Message);
            }
            Finish(status);
            Cancel();
        }
        return new RpcException(_status!.Value, Trailers, _details);
    }

    private void Finish(Status status)
    {
        if (_status is not null)
        {
            return;
        }
        _status = status;
        if (status.StatusCode != StatusCode.OK)
        {
            _pushContent?.Fail(new RpcException(status, Trailers, _details));
        }
        else
        {
            _pushContent?.Complete();
        }
    }

    /// <summary>Cancels the call: cancels SendAsync and disposes the response (RST_STREAM).</summary>
    public void Cancel()
    {
        _selfCancelled = true;
        if (!_cts.IsCancellationRequested)
        {
            try
            {
                _cts.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        }
        else
        {
            OnCancelled();
        }
    }

    private void OnCancelled()
    {
        _pushContent?.Fail(new OperationCanceledException(_cts.Token));
        _response?.Dispose();
    }

    private static bool TryGetHeaderStatus(HttpResponseMessage response, out Status status) =>
        TryGetStatus(response.Headers, out status);

    private static bool TryGetStatus(HttpHeaders headers, out Status status)
    {
        status = default;
        if (!headers.NonValidated.TryGetValues(GrpcProtocol.StatusHeader, out var values))
        {
            return false;
        }
        var text = values.ToString();
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            status = new Status(StatusCode.Unknown, $"Unexpected grpc-status value '{text}'.");
            return true;
        }
        var message = headers.NonValidated.TryGetValues(GrpcProtocol.MessageHeader, out var messages)
            ? PercentEncoding.Decode(messages.ToString())
            : "";
        status = new Status((StatusCode)code, message);
        return true;
    }

    private static Google.Rpc.Status? ReadDetails(HttpHeaders headers)
    {
        if (!headers.NonValidated.TryGetValues(GrpcProtocol.StatusDetailsHeader, out var values))
        {
            return null;
        }
        try
        {
            return Google.Rpc.Status.Parser.ParseFrom(Base64Lenient.Decode(values.ToString()));
        }
        catch (Exception ex) when (ex is FormatException or InvalidProtocolBufferException)
        {
            return null;
        }
    }

    /// <summary>
    /// Frees the HTTP resources once the call has completed (status known), without waiting for
    /// the caller to dispose the call. Status, headers and trailers stay readable.
    /// </summary>
    public void ReleaseIfCompleted()
    {
        if (_status is null || Interlocked.Exchange(ref _released, 1) != 0 || Volatile.Read(ref _disposed) != 0)
        {
            return;
        }
        _cancelRegistration.Dispose();
        try
        {
            _cts.CancelAfter(Timeout.Infinite);
        }
        catch (ObjectDisposedException)
        {
        }
        _reader?.Complete();
        _response?.Dispose();
        _request?.Dispose();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        if (_status is null)
        {
            Finish(new Status(StatusCode.Cancelled, "Call disposed."));
            Cancel();
        }
        _cancelRegistration.Dispose();
        _reader?.Complete();
        _response?.Dispose();
        _request?.Dispose();
        _cts.Dispose();
    }
}
