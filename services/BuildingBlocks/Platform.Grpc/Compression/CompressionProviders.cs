using System.IO.Compression;

namespace Platform.Grpc.Compression;

/// <summary>A set of compression providers with the precomputed <c>grpc-accept-encoding</c> value.</summary>
public sealed class CompressionProviders
{
    public static readonly CompressionProviders Default = new([GzipCompressionProvider.Instance, DeflateCompressionProvider.Instance]);

    private readonly ICompressionProvider[] _providers;

    public CompressionProviders(IEnumerable<ICompressionProvider> providers)
    {
        _providers = providers.ToArray();
        AcceptEncoding = string.Join(",", new[] { GrpcProtocol.Identity }.Concat(_providers.Select(p => p.EncodingName)));
    }

    /// <summary>"identity,gzip,deflate" for the default set.</summary>
    public string AcceptEncoding { get; }

    public CompressionLevel Level { get; init; } = CompressionLevel.Fastest;

    public IReadOnlyList<ICompressionProvider> Providers => _providers;

    public ICompressionProvider? Find(string? name)
    {
        if (name is null)
        {
            return null;
        }
        foreach (var p in _providers)
        {
            if (string.Equals(p.EncodingName, name, StringComparison.OrdinalIgnoreCase))
            {
                return p;
            }
        }
        return null;
    }

    /// <summary>Whether a comma-separated <c>grpc-accept-encoding</c> value lists the encoding.</summary>
    public static bool AcceptsEncoding(string? acceptEncoding, string encoding)
    {
        if (string.IsNullOrEmpty(acceptEncoding))
        {
            return false;
        }
        foreach (var range in acceptEncoding.AsSpan().Split(','))
        {
            if (acceptEncoding.AsSpan(range).Trim().Equals(encoding, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
