using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace Platform.Grpc;

/// <summary>
/// The <c>{method}</c> constraint of the UNIMPLEMENTED fallback route. When the router builds its
/// DFA it asks whether the parameter can match each literal segment; saying no for the names of
/// mapped gRPC methods keeps the fallback out of the candidate set of every mapped method, so a
/// normal call neither evaluates it nor allocates route values for it. Paths that reach the
/// parameter at run time are unknown ones, which the fallback must answer.
/// </summary>
internal sealed class UnmappedMethodConstraint(GrpcServiceRegistry registry) : IRouteConstraint, IParameterLiteralNodeMatchingPolicy
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) => true;

    public bool MatchesLiteral(string parameterName, string literal)
    {
        foreach (var service in registry.Services)
        {
            if (service.FindMethodByName(literal) is not null)
            {
                return false;
            }
        }
        return true;
    }
}
