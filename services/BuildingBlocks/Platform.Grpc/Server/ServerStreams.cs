using System.IO.Pipelines;
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

/// <summary>
/// Writes response messages to the HTTP/2 response body, flushing each one. One write at a
/// time, as the gRPC API requires: the next starts after the previous one's task completes.
/// </summary>
internal sealed class HttpResponseStreamWriter<T>(ServerCallContext call) : IServerStreamWriter<T>
    where T : class, IMessage<T>
{
    // Reused for every small message of the call (writes never overlap), so a message costs
    // no allocation; owned by this call only, never pooled, so a late write cannot hurt others.
    private byte[]? _frame;
    private int _writing;

    public WriteOptions? WriteOptions { get; set; }

    public Task WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Interlocked.Exchange(ref _writing, 1) != 0)
        {
            return Task.FromException(new InvalidOperationException("Cannot write: the previous write has not completed."));
        }
        // A call with a deadline serializes writes with the deadline's answer (a lock), and the
        // first message starts the response: both take the general path. The rest, the bulk of
        // a stream, needs no async frame of its own unless the flush has to wait.
        if (call.HasDeadline || !call.HttpContext.Response.HasStarted)
        {
            return WriteLockedAsync(message, cancellationToken);
        }
        ValueTask<FlushResult> flush;
        CancellationToken token;
        try
        {
            flush = Send(message, cancellationToken, out token);
        }
        catch (Exception ex)
        {
            EndWrite();
            return Task.FromException(ex);
        }
        if (!flush.IsCompletedSuccessfully)
        {
            return AwaitFlushAsync(flush, token);
        }
        EndWrite();
        return flush.Result.IsCanceled ? Task.FromException(new OperationCanceledException(token)) : Task.CompletedTask;
    }

    private void EndWrite() => Volatile.Write(ref _writing, 0);

    private async Task AwaitFlushAsync(ValueTask<FlushResult> flush, CancellationToken token)
    {
        try
        {
            ThrowIfCanceled(await flush.ConfigureAwait(false), token);
        }
        finally
        {
            EndWrite();
        }
    }

    private async Task WriteLockedAsync(T message, CancellationToken cancellationToken)
    {
        await call.EnterWriteAsync().ConfigureAwait(false);
        try
        {
            if (!call.HttpContext.Response.HasStarted)
            {
                call.CancellationToken.ThrowIfCancellationRequested();
                await call.StartResponseAsync().ConfigureAwait(false);
            }
            var flush = Send(message, cancellationToken, out var token);
            ThrowIfCanceled(await flush.ConfigureAwait(false), token);
        }
        finally
        {
            call.ExitWrite();
            EndWrite();
        }
    }

    /// <summary>
    /// Writes the message and starts its flush (none, a completed default, when
    /// <see cref="WriteFlags.BufferHint"/> asks only to buffer it). The flush waits on flow
    /// control. It takes the caller's token; with a deadline the call's, since the deadline's
    /// answer needs the write lock this write holds. Otherwise none: a client reset ends a
    /// waiting flush by itself, and a token costs a registration per message.
    /// </summary>
    private ValueTask<FlushResult> Send(T message, CancellationToken cancellationToken, out CancellationToken token)
    {
        var callToken = call.CancellationToken;
        callToken.ThrowIfCancellationRequested();
        if (call.IsCompleted)
        {
            throw new InvalidOperationException("Cannot write: the call has completed.");
        }
        token = cancellationToken.CanBeCanceled ? cancellationToken : call.HasDeadline ? callToken : default;
        var flags = (WriteOptions ?? call.WriteOptions)?.Flags ?? WriteFlags.None;
        var noCompress = (flags & WriteFlags.NoCompress) != 0;
        if ((flags & WriteFlags.BufferHint) != 0)
        {
            call.WriteMessageCore(message, noCompress);
            return default;
        }
        return call.WriteMessageAndFlushAsync(message, noCompress, ref _frame, token);
    }

    private static void ThrowIfCanceled(FlushResult result, CancellationToken token)
    {
        if (result.IsCanceled)
        {
            throw new OperationCanceledException(token);
        }
    }
}
