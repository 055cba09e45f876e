using System.Runtime.CompilerServices;

namespace Platform.Grpc.Client;

/// <summary>Common parts of a client call: headers, status, trailers, disposal (= cancel if still running).</summary>
public abstract class AsyncCallBase : IDisposable
{
    private readonly Func<Task<Metadata>> _headers;
    private readonly Func<Status> _status;
    private readonly Func<Metadata> _trailers;
    private readonly Action _dispose;

    private protected AsyncCallBase(Func<Task<Metadata>> headers, Func<Status> status, Func<Metadata> trailers, Action dispose)
    {
        _headers = headers;
        _status = status;
        _trailers = trailers;
        _dispose = dispose;
    }

    /// <summary>The response headers (metadata), once they arrive.</summary>
    public Task<Metadata> ResponseHeadersAsync => _headers();

    /// <summary>The final status; only after the call completed.</summary>
    public Status GetStatus() => _status();

    /// <summary>The trailers; only after the call completed.</summary>
    public Metadata GetTrailers() => _trailers();

    /// <summary>Releases the call; cancels it (RST_STREAM) if it is still running.</summary>
    public void Dispose() => _dispose();
}

public sealed class AsyncUnaryCall<TResponse> : AsyncCallBase
{
    internal AsyncUnaryCall(Task<TResponse> response, Func<Task<Metadata>> headers, Func<Status> status, Func<Metadata> trailers, Action dispose)
        : base(headers, status, trailers, dispose)
    {
        ResponseAsync = response;
    }

    public Task<TResponse> ResponseAsync { get; }

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();
}

public sealed class AsyncServerStreamingCall<TResponse> : AsyncCallBase
{
    internal AsyncServerStreamingCall(IAsyncStreamReader<TResponse> responseStream, Func<Task<Metadata>> headers, Func<Status> status, Func<Metadata> trailers, Action dispose)
        : base(headers, status, trailers, dispose)
    {
        ResponseStream = responseStream;
    }

    public IAsyncStreamReader<TResponse> ResponseStream { get; }
}

public sealed class AsyncClientStreamingCall<TRequest, TResponse> : AsyncCallBase
{
    internal AsyncClientStreamingCall(IClientStreamWriter<TRequest> requestStream, Task<TResponse> response, Func<Task<Metadata>> headers, Func<Status> status, Func<Metadata> trailers, Action dispose)
        : base(headers, status, trailers, dispose)
    {
        RequestStream = requestStream;
        ResponseAsync = response;
    }

    public IClientStreamWriter<TRequest> RequestStream { get; }

    public Task<TResponse> ResponseAsync { get; }

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();
}

public sealed class AsyncDuplexStreamingCall<TRequest, TResponse> : AsyncCallBase
{
    internal AsyncDuplexStreamingCall(IClientStreamWriter<TRequest> requestStream, IAsyncStreamReader<TResponse> responseStream, Func<Task<Metadata>> headers, Func<Status> status, Func<Metadata> trailers, Action dispose)
        : base(headers, status, trailers, dispose)
    {
        RequestStream = requestStream;
        ResponseStream = responseStream;
    }

    public IClientStreamWriter<TRequest> RequestStream { get; }

    public IAsyncStreamReader<TResponse> ResponseStream { get; }
}
