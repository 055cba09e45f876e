using System.IO.Compression;

namespace Platform.Grpc.Compression;

/// <summary>A message compression algorithm named by <c>grpc-encoding</c>.</summary>
public interface ICompressionProvider
{
    string EncodingName { get; }

    Stream CreateCompressionStream(Stream output, CompressionLevel level);

    Stream CreateDecompressionStream(Stream input);
}

/// <summary>gzip (RFC 1952).</summary>
public sealed class GzipCompressionProvider : ICompressionProvider
{
    public static readonly GzipCompressionProvider Instance = new();

    public string EncodingName => "gzip";

    public Stream CreateCompressionStream(Stream output, CompressionLevel level) => new GZipStream(output, level, leaveOpen: true);

    public Stream CreateDecompressionStream(Stream input) => new GZipStream(input, CompressionMode.Decompress, leaveOpen: true);
}

/// <summary>gRPC "deflate": the zlib format (RFC 1950), as grpc-core and grpc-js use it.</summary>
public sealed class DeflateCompressionProvider : ICompressionProvider
{
    public static readonly DeflateCompressionProvider Instance = new();

    public string EncodingName => "deflate";

    public Stream CreateCompressionStream(Stream output, CompressionLevel level) => new ZLibStream(output, level, leaveOpen: true);

    public Stream CreateDecompressionStream(Stream input) => new ZLibStream(input, CompressionMode.Decompress, leaveOpen: true);
}
