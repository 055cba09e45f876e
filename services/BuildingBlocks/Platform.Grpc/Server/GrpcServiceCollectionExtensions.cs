using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Platform.Grpc.Health;
using Platform.Grpc.Reflection;

namespace Platform.Grpc;

public static class GrpcServiceCollectionExtensions
{
    /// <summary>
    /// Registers the gRPC server (options, service registry, health status, reflection index,
    /// and the poller that maps ASP.NET Core health checks to gRPC health).
    /// </summary>
    public static IServiceCollection AddGrpcServer(this IServiceCollection services, Action<GrpcServerOptions>? configure = null)
    {
        services.AddRouting();
        services.AddOptions<GrpcServerOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }
        services.AddOptions<GrpcHealthOptions>();
        services.TryAddSingleton<GrpcServerRuntime>();
        services.TryAddSingleton(new GrpcServiceLifetimes(services));
        services.TryAddSingleton<GrpcServiceRegistry>();
        services.TryAddSingleton<HealthStatusManager>();
        services.TryAddSingleton<HealthService>();
        services.TryAddSingleton<ReflectionIndex>();
        services.TryAddSingleton<ReflectionV1Service>();
        services.TryAddSingleton<ReflectionV1AlphaService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, HealthCheckPoller>());
        return services;
    }

    /// <summary>Configures how health checks drive the gRPC health service.</summary>
    public static IServiceCollection ConfigureGrpcHealth(this IServiceCollection services, Action<GrpcHealthOptions> configure) =>
        services.Configure(configure);
}
