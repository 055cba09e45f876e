using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Identity;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Gateway.Proxy;

/// <summary>
/// What the services hear of the caller: never what the client claims (its identity header and
/// credentials are removed), only the gateway's signed statement of who was authenticated.
/// </summary>
public sealed class IdentityTransform(InternalIdentityToken tokens) : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context) { }
    public void ValidateCluster(TransformClusterValidationContext context) { }

    public void Apply(TransformBuilderContext context)
    {
        context.AddRequestHeaderRemove(InternalIdentityToken.HeaderName);
        context.AddRequestHeaderRemove(Identity.ApiKeyAuthenticationHandler.HeaderName);
        context.AddRequestHeaderRemove("Authorization");
        context.AddRequestTransform(transform =>
        {
            var user = transform.HttpContext.User;
            if (user.Identity?.IsAuthenticated == true)
                transform.ProxyRequest.Headers.TryAddWithoutValidation(InternalIdentityToken.HeaderName, tokens.Issue(user.Claims));
            return ValueTask.CompletedTask;
        });
        // The service echoes the correlation id the gateway sent it; YARP would append that copy to the gateway's own.
        context.AddResponseTransform(transform =>
        {
            transform.HttpContext.Response.Headers[CorrelationIdMiddleware.HeaderName] = transform.HttpContext.TraceIdentifier;
            return ValueTask.CompletedTask;
        });
    }
}
