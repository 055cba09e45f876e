using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Grpc.Reflection;

namespace Gateway.Proxy;

/// <summary>
/// Server reflection on the gateway's gRPC port lists the whole public API: the platform services it
/// forwards (from the contracts' descriptors) besides its own health and reflection, so grpcurl,
/// Postman or any client with reflection sees every method without the .proto files.
/// </summary>
public static class ApiReflection
{
    public static readonly IReadOnlyList<ServiceDescriptor> PlatformServices =
    [
        Platform.Contracts.Catalogue.V1.CatalogueReflection.Descriptor.Services[0],
        Platform.Contracts.Labour.V1.LabourReflection.Descriptor.Services[0],
        Platform.Contracts.Zones.V1.ZonesReflection.Descriptor.Services[0],
        Platform.Contracts.Reporting.V1.ReportingReflection.Descriptor.Services[0],
        Platform.Contracts.Territory.V1.TerritoryReflection.Descriptor.Services[0],
    ];

    private static IEnumerable<ServiceDescriptor> All() =>
    [
        .. PlatformServices,
        Grpc.Health.V1.HealthReflection.Descriptor.Services[0],
        Grpc.Reflection.V1.ReflectionReflection.Descriptor.Services[0],
        Grpc.Reflection.V1Alpha.ReflectionReflection.Descriptor.Services[0],
    ];

    /// <summary>Replaces the listing of this host's own services (AddGrpcReflection's) with the whole API's.</summary>
    public static IServiceCollection AddApiReflection(this IServiceCollection services)
    {
        services.AddSingleton(_ => new ReflectionServiceImpl(All()));
        services.AddSingleton(_ => new ReflectionV1ServiceImpl(All()));
        return services;
    }
}
