using System.Collections.Concurrent;

namespace Grpc.Interop.Tests.Client;

/// <summary>What went over the wire for one call: request grpc-encoding and the compressed flag of each response message.</summary>
public sealed class ObservedCall(string path, string? requestEncoding)
{
    private readonly List<bool> _responseFlags = [];

    public string Path { get; } = path;

    public string? RequestEncoding { get; } = requestEncoding;

    public string? ResponseEncoding { get; internal set; }

    public IReadOnlyList<bool> ResponseCompressedFlags
    {
        get
        {
            lock (_responseFlags)
            {
                return [.. _responseFlags];
            }
        }
    }

    internal void AddResponseFlag(bool compressed)
    {
        lock (_responseFlags)
        {
            _responseFlags.Add(compressed);
        }
    }
}

/// <summary>
/// An HTTP handler below Platform.Grpc's client that watches the gRPC framing of responses
/// (the 1-byte compressed flag of every message), which the client API does not expose.
/// Used by the compression cases to check the wire, not the transport's own view of it.
/// </summary>
public sealed class WireObserver : DelegatingHandler
{
    private readonly ConcurrentQueue<ObservedCall> _calls = new();

    public WireObserver(HttpMessageHandler inner) : base(inner)
    {
    }

    public IReadOnlyList<ObservedCall> Calls => [.. _calls];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var encoding = request.Headers.TryGetValues("grpc-encoding", out var values) ? string.Join(",", values) : null;
        var observed = new ObservedCall(request.RequestUri!.AbsolutePath, encoding);
        _calls.Enqueue(observed);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        observed.ResponseEncoding = response.Headers.TryGetValues("grpc-encoding", out var r) ? string.Join(",", r) : null;
        var inner = response.Content;
        var stream = await inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var content = new StreamContent(new FrameWatchingStream(stream, observed));
        foreach (var header in inner.Headers)
        {
            content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        response.Content = content;
        return response;
    }

    /// <summary>Parses the length-prefixed message framing as bytes pass through.</summary>
    private sealed class FrameWatchingStream(Stream inner, ObservedCall call) : Stream
    {
        private readonly byte[] _header = new byte[5];
        private int _headerFilled;
        private long _bodyRemaining;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() { }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            Observe(buffer.AsSpan(offset, n));
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            Observe(buffer.Span[..n]);
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }

        private void Observe(ReadOnlySpan<byte> data)
        {
            while (!data.IsEmpty)
            {
                if (_bodyRemaining > 0)
                {
                    var skip = (int)Math.Min(_bodyRemaining, data.Length);
                    _bodyRemaining -= skip;
                    data = data[skip..];
                    continue;
                }
                _header[_headerFilled++] = data[0];
                data = data[1..];
                if (_headerFilled == 5)
                {
                    _headerFilled = 0;
                    call.AddResponseFlag(_header[0] == 1);
                    _bodyRemaining = (uint)(_header[1] << 24 | _header[2] << 16 | _header[3] << 8 | _header[4]);
                }
            }
        }
    }
}
