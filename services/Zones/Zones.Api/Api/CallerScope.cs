using System.Security.Claims;
using Platform.ServiceDefaults.Identity;
using Zones.Api.Application;

namespace Zones.Api.Api;

/// <summary>The caller's write scope from the identity the gateway signed (the same on REST and gRPC).</summary>
public static class CallerScope
{
    public static WriteScope From(ClaimsPrincipal? user) => WriteScope.Of(PlatformCaller.From(user));
}
