using System.IO.Compression;
using Google.Protobuf.Reflection;
using Microsoft.Extensions.Logging;
using Platform.Grpc.Compression;

namespace Platform.Grpc;

/// <summary>Server options resolved once at start-up.</summary>
internal sealed class ResolvedServerOptions
{
    public ResolvedServerOptions(GrpcServerOptions options, IReadOnlyList<Interceptor> interceptors, ILogger logger)
    {
        MaxReceiveMessageSize = options.MaxReceiveMessageSize;
        MaxSendMessageSize = options.MaxSendMessageSize;
        Compression = new CompressionProviders(options.CompressionProviders) { Level = options.ResponseCompressionLevel };
        ResponseCompressionAlgorithm = options.ResponseCompressionAlgorithm;
        ResponseCompressionLevel = options.ResponseCompressionLevel;
        Interceptors = interceptors;
        Logger = logger;
    }

    public int MaxReceiveMessageSize { get; }
    public int MaxSendMessageSize { get; }
    public CompressionProviders Compression { get; }
    public string? ResponseCompressionAlgorithm { get; }
    public CompressionLevel ResponseCompressionLevel { get; }
    public IReadOnlyList<Interceptor> Interceptors { get; }
    public ILogger Logger { get; }
}

/// <summary>What a call handler knows about its method.</summary>
internal sealed class ServerMethodInfo(MethodDescriptor descriptor, ResolvedServerOptions options)
{
    public MethodDescriptor Descriptor { get; } = descriptor;
    public string Path { get; } = "/" + descriptor.Service.FullName + "/" + descriptor.Name;
    public ResolvedServerOptions Options { get; } = options;
}
