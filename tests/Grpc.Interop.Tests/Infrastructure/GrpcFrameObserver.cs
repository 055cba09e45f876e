namespace Grpc.Interop.Tests.Infrastructure;

/// <summary>
/// A read-through request body that notes the compressed flag of each gRPC message as the bytes pass
/// (5-byte prefix: flag, 4-byte big-endian length; then the message), changing nothing it reads.
/// </summary>
internal sealed class GrpcFrameObserver(Stream inner) : Stream
{
    private readonly List<bool> _flags = [];
    private readonly byte[] _prefix = new byte[5];
    private int _prefixRead;
    private long _messageLeft;

    public IReadOnlyList<bool> CompressedFlags
    {
        get { lock (_flags) return [.. _flags]; }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Observe(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        Observe(buffer.AsSpan(offset, read));
        return read;
    }

    private void Observe(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (_messageLeft > 0)
            {
                var skip = (int)Math.Min(_messageLeft, bytes.Length);
                _messageLeft -= skip;
                bytes = bytes[skip..];
                continue;
            }
            _prefix[_prefixRead++] = bytes[0];
            bytes = bytes[1..];
            if (_prefixRead < _prefix.Length) continue;
            _prefixRead = 0;
            lock (_flags) _flags.Add(_prefix[0] == 1);
            _messageLeft = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(_prefix.AsSpan(1));
        }
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
