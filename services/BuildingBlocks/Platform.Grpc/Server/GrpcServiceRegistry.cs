using System.Collections.Concurrent;
using Google.Protobuf.Reflection;

namespace Platform.Grpc;

/// <summary>The services mapped on this host (used by reflection and health).</summary>
public sealed class GrpcServiceRegistry
{
    private readonly ConcurrentDictionary<string, ServiceDescriptor> _services = new(StringComparer.Ordinal);

    public event Action<ServiceDescriptor>? ServiceAdded;

    public IReadOnlyCollection<ServiceDescriptor> Services => (IReadOnlyCollection<ServiceDescriptor>)_services.Values;

    public bool Contains(string serviceName) => _services.ContainsKey(serviceName);

    internal void Add(ServiceDescriptor service)
    {
        if (_services.TryAdd(service.FullName, service))
        {
            ServiceAdded?.Invoke(service);
        }
    }
}
