using System.Runtime.CompilerServices;

namespace Platform.Grpc;

/// <summary>A stream of incoming messages (request stream on the server, response stream on the client).</summary>
public interface IAsyncStreamReader<out T>
{
    /// <summary>The message read by the last successful <see cref="MoveNext"/>.</summary>
    T Current { get; }

    /// <summary>Reads the next message; false at the end of the stream.</summary>
    Task<bool> MoveNext(CancellationToken cancellationToken = default);
}

/// <summary>A stream of outgoing messages.</summary>
public interface IAsyncStreamWriter<in T>
{
    /// <summary>Options for the following writes (e.g. <see cref="WriteFlags.NoCompress"/>); null = defaults.</summary>
    WriteOptions? WriteOptions { get; set; }

    Task WriteAsync(T message, CancellationToken cancellationToken = default);
}

/// <summary>The response stream of a server-streaming or duplex call on the server.</summary>
public interface IServerStreamWriter<in T> : IAsyncStreamWriter<T>
{
}

/// <summary>The request stream of a client-streaming or duplex call on the client.</summary>
public interface IClientStreamWriter<in T> : IAsyncStreamWriter<T>
{
    /// <summary>Half-closes the request stream: no more messages will be sent.</summary>
    Task CompleteAsync();
}

public static class AsyncStreamReaderExtensions
{
    /// <summary>Reads all messages as an async enumerable.</summary>
    public static async IAsyncEnumerable<T> ReadAllAsync<T>(this IAsyncStreamReader<T> reader, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await reader.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            yield return reader.Current;
        }
    }
}

/// <summary>Per-message write flags.</summary>
[Flags]
public enum WriteFlags
{
    None = 0,

    /// <summary>The write may be buffered (not flushed at once).</summary>
    BufferHint = 0x1,

    /// <summary>Send this message uncompressed even when the call uses compression.</summary>
    NoCompress = 0x2,
}

/// <summary>Options of a message write.</summary>
public sealed class WriteOptions(WriteFlags flags = WriteFlags.None)
{
    public static readonly WriteOptions Default = new();

    public WriteFlags Flags { get; } = flags;
}
