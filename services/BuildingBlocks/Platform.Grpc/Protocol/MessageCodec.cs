using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.IO.Compression;
using System.IO.Pipelines;
using System.Numerics;
using Google.Protobuf;
using Platform.Grpc.Compression;

namespace Platform.Grpc;

/// <summary>Length-prefixed message framing: 1 byte compressed flag, 4-byte big-endian length, payload.</summary>
internal static class MessageCodec
{
    /// <summary>Frames up to this size are serialized into one contiguous span of the output.</summary>
    private const int ContiguousFrameLimit = 64 * 1024;

    /// <summary>Writes one framed message. Compresses when <paramref name="compression"/> is given.</summary>
    public static void WriteMessage<T>(IBufferWriter<byte> writer, T message, ICompressionProvider? compression, CompressionLevel level, int maxSendSize)
        where T : IMessage<T>
    {
        if (compression is null)
        {
            var size = CheckedSize(message, maxSendSize);
            var frameSize = GrpcProtocol.MessageHeaderSize + size;
            if (frameSize <= ContiguousFrameLimit)
            {
                // Prefix and message in one span and one Advance: the serializer then writes
                // straight through instead of refilling its buffer segment by segment.
                WriteFrame(writer.GetSpan(frameSize), message, size);
                writer.Advance(frameSize);
                return;
            }
            var header = writer.GetSpan(GrpcProtocol.MessageHeaderSize);
            header[0] = 0;
            BinaryPrimitives.WriteUInt32BigEndian(header.Slice(1), (uint)size);
            writer.Advance(GrpcProtocol.MessageHeaderSize);
            message.WriteTo(writer);
            return;
        }

        var rawSize = CheckedSize(message, maxSendSize);
        var raw = ArrayPool<byte>.Shared.Rent(Math.Max(rawSize, 1));
        try
        {
            message.WriteTo(raw.AsSpan(0, rawSize));
            using var compressed = new PooledBufferWriter(Math.Max(64, rawSize / 2));
            using (var stream = compression.CreateCompressionStream(new BufferWriterStream(compressed), level))
            {
                stream.Write(raw, 0, rawSize);
            }
            var header = writer.GetSpan(GrpcProtocol.MessageHeaderSize);
            header[0] = 1;
            BinaryPrimitives.WriteUInt32BigEndian(header.Slice(1), (uint)compressed.WrittenCount);
            writer.Advance(GrpcProtocol.MessageHeaderSize);
            writer.Write(compressed.WrittenSpan);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    /// <summary>
    /// Frames an uncompressed message of at most <see cref="ContiguousFrameLimit"/> bytes into
    /// <paramref name="buffer"/>, replacing it when too small; false (nothing written) when larger.
    /// </summary>
    public static bool TryFrameSmall<T>(T message, int maxSendSize, [NotNullWhen(true)] ref byte[]? buffer, out int frameSize)
        where T : IMessage<T>
    {
        var size = CheckedSize(message, maxSendSize);
        frameSize = GrpcProtocol.MessageHeaderSize + size;
        if (frameSize > ContiguousFrameLimit)
        {
            return false;
        }
        if (buffer is null || buffer.Length < frameSize)
        {
            buffer = new byte[(int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(frameSize, 256))];
        }
        WriteFrame(buffer, message, size);
        return true;
    }

    private static int CheckedSize<T>(T message, int maxSendSize) where T : IMessage<T>
    {
        var size = message.CalculateSize();
        if (size > maxSendSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted, $"Sending message exceeds the maximum configured message size ({size} > {maxSendSize}).");
        }
        return size;
    }

    /// <summary>Writes flag 0, the big-endian length and the message (of <paramref name="size"/> bytes) into <paramref name="frame"/>.</summary>
    private static void WriteFrame<T>(Span<byte> frame, T message, int size) where T : IMessage<T>
    {
        frame[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.Slice(1), (uint)size);
        message.WriteTo(frame.Slice(GrpcProtocol.MessageHeaderSize, size));
    }

    /// <summary>
    /// Reads the next message and whether it came compressed. Returns a null message at a clean
    /// end of stream; throws RpcException INTERNAL on a truncated message, RESOURCE_EXHAUSTED
    /// when over <paramref name="maxSize"/>.
    /// </summary>
    public static async ValueTask<(T? Message, bool Compressed)> ReadMessageAsync<T>(
        PipeReader reader, MessageParser<T> parser, ICompressionProvider? decompression, int maxSize, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (TryReadFrame(ref buffer, maxSize, out var compressed, out var payload))
            {
                T message;
                try
                {
                    message = Parse(parser, payload, compressed, decompression, maxSize);
                }
                finally
                {
                    reader.AdvanceTo(buffer.Start);
                }
                return (message, compressed);
            }
            if (result.IsCompleted || result.IsCanceled)
            {
                var remaining = buffer.Length;
                reader.AdvanceTo(buffer.End);
                if (remaining == 0)
                {
                    return (null, false);
                }
                throw new RpcException(StatusCode.Internal, "Incomplete message.");
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>
    /// Parses a request body that has fully arrived and holds exactly one message, the usual
    /// unary request, without awaiting a second read for the end of the stream. False (nothing
    /// parsed) for anything else, which <see cref="ReadMessageAsync"/> then handles.
    /// </summary>
    public static bool TryParseWholeBody<T>(
        ReadOnlySequence<byte> body, MessageParser<T> parser, ICompressionProvider? decompression, int maxSize,
        [NotNullWhen(true)] out T? message, out bool compressed)
        where T : class, IMessage<T>
    {
        message = null;
        var rest = body;
        if (!TryReadFrame(ref rest, maxSize, out compressed, out var payload) || !rest.IsEmpty)
        {
            return false;
        }
        message = Parse(parser, payload, compressed, decompression, maxSize);
        return true;
    }

    private static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxSize, out bool compressed, out ReadOnlySequence<byte> payload)
    {
        compressed = false;
        payload = default;
        if (buffer.Length < GrpcProtocol.MessageHeaderSize)
        {
            return false;
        }
        Span<byte> header = stackalloc byte[GrpcProtocol.MessageHeaderSize];
        buffer.Slice(0, GrpcProtocol.MessageHeaderSize).CopyTo(header);
        var flag = header[0];
        if (flag > 1)
        {
            throw new RpcException(StatusCode.Internal, "Invalid compressed flag.");
        }
        var length = BinaryPrimitives.ReadUInt32BigEndian(header.Slice(1));
        if (length > (uint)maxSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted, $"Received message exceeds the maximum configured message size ({length} > {maxSize}).");
        }
        if (buffer.Length < GrpcProtocol.MessageHeaderSize + length)
        {
            return false;
        }
        compressed = flag == 1;
        payload = buffer.Slice(GrpcProtocol.MessageHeaderSize, length);
        buffer = buffer.Slice(payload.End);
        return true;
    }

    private static T Parse<T>(MessageParser<T> parser, ReadOnlySequence<byte> payload, bool compressed, ICompressionProvider? decompression, int maxSize)
        where T : IMessage<T>
    {
        if (!compressed)
        {
            try
            {
                return parser.ParseFrom(payload);
            }
            catch (InvalidProtocolBufferException)
            {
                throw new RpcException(StatusCode.Internal, "Failed to deserialize the message.");
            }
        }
        if (decompression is null)
        {
            throw new RpcException(StatusCode.Internal, "Compressed message received without a grpc-encoding.");
        }
        using var output = new PooledBufferWriter((int)Math.Min(maxSize, Math.Max(256, payload.Length * 4)));
        try
        {
            using var input = new SequenceStream(payload);
            using var decompressor = decompression.CreateDecompressionStream(input);
            decompressor.CopyTo(new BufferWriterStream(output, maxSize));
        }
        catch (RpcException)
        {
            throw;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            throw new RpcException(StatusCode.Internal, "Failed to decompress the message.");
        }
        try
        {
            return parser.ParseFrom(new ReadOnlySequence<byte>(output.WrittenMemory));
        }
        catch (InvalidProtocolBufferException)
        {
            throw new RpcException(StatusCode.Internal, "Failed to deserialize the message.");
        }
    }

    /// <summary>A read-only stream over a <see cref="ReadOnlySequence{T}"/>.</summary>
    private sealed class SequenceStream(ReadOnlySequence<byte> sequence) : Stream
    {
        private readonly long _length = sequence.Length;
        private ReadOnlySequence<byte> _remaining = sequence;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => _length;
        public override long Position { get => _length - _remaining.Length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, _remaining.Length);
            _remaining.Slice(0, n).CopyTo(buffer);
            _remaining = _remaining.Slice(n);
            return n;
        }
    }
}
