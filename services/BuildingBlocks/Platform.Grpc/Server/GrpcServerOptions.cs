using System.IO.Compression;
using Platform.Grpc.Compression;

namespace Platform.Grpc;

/// <summary>Server options, set with <c>services.AddGrpcServer(o => ...)</c>.</summary>
public sealed class GrpcServerOptions
{
    /// <summary>Maximum size of a received message (after decompression). Default 4 MiB.</summary>
    public int MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxReceiveMessageSize;

    /// <summary>Maximum size of a sent message. Default unlimited.</summary>
    public int MaxSendMessageSize { get; set; } = int.MaxValue;

    /// <summary>Compression algorithms the server understands (default gzip and deflate).</summary>
    public IList<ICompressionProvider> CompressionProviders { get; } = [GzipCompressionProvider.Instance, DeflateCompressionProvider.Instance];

    /// <summary>
    /// Compress responses with this algorithm (e.g. "gzip") when the client's
    /// grpc-accept-encoding lists it. Null (default): responses are not compressed unless a
    /// handler sets <see cref="ServerCallContext.ResponseCompression"/>.
    /// </summary>
    public string? ResponseCompressionAlgorithm { get; set; }

    public CompressionLevel ResponseCompressionLevel { get; set; } = CompressionLevel.Fastest;

    /// <summary>Interceptors, outermost first.</summary>
    public InterceptorCollection Interceptors { get; } = new();

    /// <summary>Whether unknown services/methods get a catch-all UNIMPLEMENTED route. Default true.</summary>
    public bool MapUnimplementedFallback { get; set; } = true;
}

/// <summary>Interceptor registrations: instances, or types created once from DI.</summary>
public sealed class InterceptorCollection
{
    internal List<Func<IServiceProvider, Interceptor>> Factories { get; } = [];

    public void Add(Interceptor interceptor) => Factories.Add(_ => interceptor);

    public void Add<T>() where T : Interceptor =>
        Factories.Add(sp => (T?)sp.GetService(typeof(T)) ?? Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<T>(sp));

    public int Count => Factories.Count;
}
