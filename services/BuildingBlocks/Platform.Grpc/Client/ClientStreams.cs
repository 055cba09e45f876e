using Google.Protobuf;

namespace Platform.Grpc.Client;

internal sealed class ClientResponseStream<TRequest, TResponse>(ClientCall<TRequest, TResponse> call) : IAsyncStreamReader<TResponse>
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private TResponse? _current;

    public TResponse Current => _current ?? throw new InvalidOperationException("No current message; call MoveNext first.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.Register(static c => ((ClientCall<TRequest, TResponse>)c!).Cancel(), call)
            : default;
        try
        {
            _current = await call.ReadMessageAsync().ConfigureAwait(false);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The read was canceled.", ex, cancellationToken);
        }
        finally
        {
            call.ReleaseIfCompleted();
        }
        return _current is not null;
    }
}

internal sealed class ClientRequestStream<TRequest, TResponse>(ClientCall<TRequest, TResponse> call) : IClientStreamWriter<TRequest>
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public WriteOptions? WriteOptions { get; set; }

    public Task WriteAsync(TRequest message, CancellationToken cancellationToken = default) => call.WriteAsync(message, WriteOptions?.Flags ?? WriteFlags.None, cancellationToken);

    public Task CompleteAsync() => call.CompleteRequestAsync();
}
