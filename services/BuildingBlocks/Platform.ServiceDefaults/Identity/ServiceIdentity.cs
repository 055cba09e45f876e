using System.Security.Claims;

namespace Platform.ServiceDefaults.Identity;

/// <summary>
/// The identity a service presents when it calls another on its own behalf (a message consumer, a
/// rebuild): signed with the service's own private key (which vouches for nothing else), role
/// <see cref="PlatformRoles.Service"/>, subject <c>service:{name}</c>. Minted per call: tokens live minutes.
/// </summary>
public static class ServiceIdentity
{
    public static string IssueForService(this InternalIdentityToken tokens, string serviceName) => tokens.Issue(
    [
        new Claim(PlatformClaims.Subject, "service:" + serviceName),
        new Claim(PlatformClaims.Name, serviceName),
        new Claim(PlatformClaims.Role, PlatformRoles.Service),
    ]);
}
