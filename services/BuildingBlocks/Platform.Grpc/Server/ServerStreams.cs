using Google.Protobuf;

namespace Platform.Grpc;

/// <summary>Reads request messages from the HTTP/2 request body.</summary>
internal sealed class HttpRequestStreamReader<T>(ServerCallContext call, MessageParser<T> parser) : IAsyncStreamReader<T>
    where T : class, IMessage<T>
{
    private T? _current;
    private bool _ended;

    public T Current => _current ?? throw new InvalidOperationException("No current message; call MoveNext first.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        if (_ended)
        {
            return false;
        }
        var token = call.CancellationToken;
        CancellationTokenSource? linked = null;
        if (cancellationToken.CanBeCanceled && cancellationToken != token)
        {
            linked = CancellationTokenSource.CreateLinkedTokenSource(token, cancellationToken);
            token = linked.Token;
        }
        try
        {
            var options = call.MethodInfo.Options;
            var (message, compressed) = await MessageCodec.ReadMessageAsync(call.HttpContext.Request.BodyReader, parser, call.RequestDecompression, options.MaxReceiveMessageSize, token).ConfigureAwait(false);
            call.RequestMessageCompressed = compressed;
            if (message is null)
            {
                _ended = true;
                _current = null;
                return false;
            }
            _current = message;
            return true;
        }
        finally
        {
            linked?.Dispose();
        }
    }
}

/// <summary>Writes response messages to the HTTP/2 response body, flushing each one.</summary>
internal sealed class HttpResponseStreamWriter<T>(ServerCallContext call) : IServerStreamWriter<T>
    where T : class, IMessage<T>
{
    public WriteOptions? WriteOptions { get; set; }

    public async Task WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await call.EnterWriteAsync().ConfigureAwait(false);
        try
        {
            call.CancellationToken.ThrowIfCancellationRequested();
            if (call.IsCompleted)
            {
                throw new InvalidOperationException("Cannot write: the call has completed.");
            }
            var response = call.HttpContext.Response;
            if (!response.HasStarted)
            {
                await call.StartResponseAsync().ConfigureAwait(false);
            }
            var flags = (WriteOptions ?? call.WriteOptions)?.Flags ?? WriteFlags.None;
            call.WriteMessageCore(message, (flags & WriteFlags.NoCompress) != 0);
            if ((flags & WriteFlags.BufferHint) != 0)
            {
                return;
            }
            var token = cancellationToken.CanBeCanceled ? cancellationToken : call.CancellationToken;
            var result = await response.BodyWriter.FlushAsync(token).ConfigureAwait(false);
            if (result.IsCanceled)
            {
                throw new OperationCanceledException(token);
            }
        }
        finally
        {
            call.ExitWrite();
        }
    }
}
