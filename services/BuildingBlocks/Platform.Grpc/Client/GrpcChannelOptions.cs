using System.IO.Compression;
using Platform.Grpc.Compression;

namespace Platform.Grpc.Client;

/// <summary>Options of a <see cref="GrpcChannel"/>.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>A handler to use instead of the process-wide shared SocketsHttpHandler.</summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Whether the channel disposes <see cref="HttpHandler"/>. Default false.</summary>
    public bool DisposeHttpHandler { get; set; }

    /// <summary>Maximum size of a received message. Default 4 MiB.</summary>
    public int MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxReceiveMessageSize;

    /// <summary>Maximum size of a sent message. Default unlimited.</summary>
    public int MaxSendMessageSize { get; set; } = int.MaxValue;

    /// <summary>Algorithms the client can decompress and compress with.</summary>
    public IList<ICompressionProvider> CompressionProviders { get; } = [GzipCompressionProvider.Instance, DeflateCompressionProvider.Instance];

    /// <summary>Compress every request message with this algorithm (e.g. "gzip"). Default none.</summary>
    public string? RequestCompression { get; set; }

    public CompressionLevel CompressionLevel { get; set; } = CompressionLevel.Fastest;

    /// <summary>Retries of UNAVAILABLE for idempotent unary methods; null disables.</summary>
    public RetryPolicy? Retry { get; set; } = new();
}

/// <summary>Exponential back-off with jitter for UNAVAILABLE on idempotent unary calls.</summary>
public sealed class RetryPolicy
{
    /// <summary>Total attempts including the first. Default 3.</summary>
    public int MaxAttempts { get; set; } = 3;

    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(2);

    public double BackoffMultiplier { get; set; } = 2;
}
