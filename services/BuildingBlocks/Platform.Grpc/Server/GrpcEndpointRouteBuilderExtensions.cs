using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Grpc;

/// <summary>Endpoint metadata naming the gRPC method an endpoint serves.</summary>
public sealed record GrpcMethodMetadata(MethodDescriptor Method);

public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every method of <typeparamref name="TService"/>'s protobuf service to
    /// <c>POST /{package.Service}/{Method}</c>. Returns a builder for conventions such as
    /// <c>RequireAuthorization()</c> applied to all its methods.
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcService<TService>(this IEndpointRouteBuilder endpoints)
        where TService : class, IGrpcService<TService>
    {
        var runtime = endpoints.ServiceProvider.GetService<GrpcServerRuntime>()
            ?? throw new InvalidOperationException("Call services.AddGrpcServer() before mapping gRPC services.");
        var registry = endpoints.ServiceProvider.GetRequiredService<GrpcServiceRegistry>();
        var descriptor = TService.Descriptor;
        var binder = new ServiceBinder<TService>(descriptor, runtime.Options, new ServiceActivator<TService>(endpoints.ServiceProvider));
        TService.Bind(binder);

        var builders = new List<IEndpointConventionBuilder>(descriptor.Methods.Count);
        foreach (var method in descriptor.Methods)
        {
            var path = "/" + descriptor.FullName + "/" + method.Name;
            var handler = binder.Bound.TryGetValue(method.Name, out var bound) ? bound : UnimplementedHandler.MethodUnimplemented;
            var builder = endpoints.MapPost(path, handler)
                .WithDisplayName("gRPC " + path)
                .WithMetadata(new GrpcMethodMetadata(method));
            builders.Add(builder);
        }
        registry.Add(descriptor);
        EnsureFallback(endpoints, runtime);
        return new CompositeConventionBuilder(builders);
    }

    private static void EnsureFallback(IEndpointRouteBuilder endpoints, GrpcServerRuntime runtime)
    {
        if (runtime.FallbackMapped || !endpoints.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<GrpcServerOptions>>().Value.MapUnimplementedFallback)
        {
            return;
        }
        runtime.FallbackMapped = true;
        var registry = endpoints.ServiceProvider.GetRequiredService<GrpcServiceRegistry>();
        var pattern = RoutePatternFactory.Parse("/{service}/{method}", defaults: null,
            parameterPolicies: new RouteValueDictionary { ["method"] = new UnmappedMethodConstraint(registry) });
        endpoints.Map(pattern, UnimplementedHandler.ServiceOrMethodUnimplemented)
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Post]))
            .WithDisplayName("gRPC unimplemented")
            .Add(b => ((RouteEndpointBuilder)b).Order = int.MaxValue);
    }

    private sealed class CompositeConventionBuilder(List<IEndpointConventionBuilder> builders) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            foreach (var b in builders)
            {
                b.Add(convention);
            }
        }

        public void Finally(Action<EndpointBuilder> finallyConvention)
        {
            foreach (var b in builders)
            {
                b.Finally(finallyConvention);
            }
        }
    }
}

/// <summary>Answers UNIMPLEMENTED (Trailers-Only, HTTP 200) for unknown services and methods.</summary>
internal static class UnimplementedHandler
{
    public static Task MethodUnimplemented(HttpContext context) => Write(context, "Method is unimplemented.");

    public static Task ServiceOrMethodUnimplemented(HttpContext context)
    {
        var registry = context.RequestServices.GetService<GrpcServiceRegistry>();
        var service = context.Request.RouteValues["service"] as string;
        var known = service is not null && registry is not null && registry.Contains(service);
        return Write(context, known ? "Method is unimplemented." : "Service is unimplemented.");
    }

    private static Task Write(HttpContext context, string message)
    {
        var response = context.Response;
        if (!GrpcProtocol.IsGrpcContentType(context.Request.ContentType))
        {
            response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            response.Headers[GrpcProtocol.StatusHeader] = "13";
            response.Headers[GrpcProtocol.MessageHeader] = PercentEncoding.Encode($"Content-Type '{context.Request.ContentType}' is not supported.");
            return Task.CompletedTask;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.StatusHeader] = "12";
        response.Headers[GrpcProtocol.MessageHeader] = message;
        return Task.CompletedTask;
    }
}
