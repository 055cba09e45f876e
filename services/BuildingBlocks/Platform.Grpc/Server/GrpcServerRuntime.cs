using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Grpc;

/// <summary>Server state resolved once per application (options, interceptors, logger).</summary>
internal sealed class GrpcServerRuntime(IOptions<GrpcServerOptions> options, ILoggerFactory loggerFactory, IServiceProvider services)
{
    private ResolvedServerOptions? _resolved;

    public bool FallbackMapped { get; set; }

    public bool StandardServicesMapped { get; set; }

    public ResolvedServerOptions Options => _resolved ??= Resolve();

    private ResolvedServerOptions Resolve()
    {
        var value = options.Value;
        var interceptors = new List<Interceptor>(value.Interceptors.Count);
        foreach (var factory in value.Interceptors.Factories)
        {
            interceptors.Add(factory(services));
        }
        return new ResolvedServerOptions(value, interceptors, loggerFactory.CreateLogger("Platform.Grpc.Server"));
    }
}
