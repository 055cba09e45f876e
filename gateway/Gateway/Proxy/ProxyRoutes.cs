using Gateway.Health;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.Proxy;

/// <summary>
/// The public layout, built from the "Services" section: REST under /api/v1/{prefix}/… to the
/// service's HTTP endpoint, and each service's gRPC packages (platform.{package}.v1.*) to its h2c endpoint.
/// </summary>
public static class ProxyRoutes
{
    /// <summary>Service key in "Services" → its REST prefixes and gRPC packages.</summary>
    private static readonly Dictionary<string, (string[] RestPrefixes, string[] GrpcPackages)> Layout = new()
    {
        ["catalogue"] = (["catalogue"], ["catalogue"]),
        // The labour-market service owns the TERYT register (/api/v1/territory, platform.territory.v1).
        ["labour"] = (["labour", "territory"], ["labour", "territory"]),
        ["zones"] = (["zones"], ["zones"]),
        ["reporting"] = (["reports"], ["reporting"]),
    };

    public static (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) Build(DownstreamServicesOptions services, TimeSpan restTimeout)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        foreach (var (name, service) in services)
        {
            if (!Layout.TryGetValue(name, out var layout)) continue;
            if (!string.IsNullOrEmpty(service.Http))
            {
                clusters.Add(Cluster($"{name}-http", service.Http, new ForwarderRequestConfig { ActivityTimeout = restTimeout }));
                foreach (var prefix in layout.RestPrefixes)
                {
                    routes.Add(new RouteConfig
                    {
                        RouteId = $"{name}-rest-{prefix}",
                        ClusterId = $"{name}-http",
                        Match = new RouteMatch { Path = $"/api/v1/{prefix}/{{**rest}}" },
                    });
                }
            }
            if (!string.IsNullOrEmpty(service.Grpc))
            {
                clusters.Add(Cluster($"{name}-grpc", service.Grpc, new ForwarderRequestConfig
                {
                    Version = new Version(2, 0),
                    VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                    // Feeds stream for minutes; the call's own deadline (grpc-timeout) is what limits it.
                    ActivityTimeout = TimeSpan.FromMinutes(30),
                }));
                foreach (var package in layout.GrpcPackages)
                {
                    routes.Add(new RouteConfig
                    {
                        RouteId = $"{name}-grpc-{package}",
                        ClusterId = $"{name}-grpc",
                        Match = new RouteMatch { Path = $"/platform.{package}.v1.{{service}}/{{method}}" },
                    });
                }
            }
        }
        return (routes, clusters);
    }

    private static ClusterConfig Cluster(string id, string address, ForwarderRequestConfig request) => new()
    {
        ClusterId = id,
        HttpRequest = request,
        Destinations = new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = address } },
    };
}
