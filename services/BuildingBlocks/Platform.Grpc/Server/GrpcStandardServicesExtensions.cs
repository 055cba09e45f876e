using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Grpc.Health;
using Platform.Grpc.Reflection;

namespace Platform.Grpc;

public static class GrpcStandardServicesExtensions
{
    /// <summary>
    /// Maps <c>grpc.health.v1.Health</c> and server reflection (<c>grpc.reflection.v1</c> and
    /// <c>v1alpha</c>). Every mapped service starts as SERVING in health. Mapping twice is harmless.
    /// </summary>
    public static IEndpointRouteBuilder MapGrpcStandardServices(this IEndpointRouteBuilder endpoints)
    {
        var runtime = endpoints.ServiceProvider.GetRequiredService<GrpcServerRuntime>();
        if (runtime.StandardServicesMapped) return endpoints;
        runtime.StandardServicesMapped = true;
        var statuses = endpoints.ServiceProvider.GetRequiredService<HealthStatusManager>();
        var registry = endpoints.ServiceProvider.GetRequiredService<GrpcServiceRegistry>();
        foreach (var service in registry.Services)
        {
            statuses.AddIfMissing(service.FullName, global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving);
        }
        registry.ServiceAdded += service => statuses.AddIfMissing(service.FullName, global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving);
        endpoints.MapGrpcService<HealthService>();
        endpoints.MapGrpcService<ReflectionV1Service>();
        endpoints.MapGrpcService<ReflectionV1AlphaService>();
        return endpoints;
    }
}
