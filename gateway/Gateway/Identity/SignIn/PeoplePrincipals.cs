using System.Security.Claims;
using Gateway.Identity.Users;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using Platform.ServiceDefaults.Identity;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Gateway.Identity.SignIn;

/// <summary>What a token says of its holder: the platform's claims (sub, name, role, territory) from the account as it is now.</summary>
public sealed class PeoplePrincipals(UserManager<PlatformUser> users)
{
    /// <summary>Why the account may not have a token now, or null.</summary>
    public async Task<string?> RefusalAsync(PlatformUser? user)
    {
        if (user is null) return "nie ma takiego konta";
        if (user.DeactivatedAt is not null) return "konto jest wyłączone";
        if (await users.IsLockedOutAsync(user)) return "konto jest zablokowane po nieudanych próbach logowania";
        if (user.MustChangePassword) return "hasło jednorazowe trzeba najpierw zmienić";
        return null;
    }

    public static ClaimsPrincipal For(PlatformUser user, IEnumerable<string> scopes, string method) => Build(
        user.UserName!, user.DisplayName.Length > 0 ? user.DisplayName : user.UserName!, user.Role, user.Territory, method, scopes);

    /// <summary>A machine client (client credentials): its role and territory are the application's properties.</summary>
    public static ClaimsPrincipal ForMachine(string clientId, string name, string role, string territory, IEnumerable<string> scopes) =>
        Build("client:" + clientId, name, role, territory, "client-credentials", scopes);

    private static ClaimsPrincipal Build(string subject, string name, string role, string territory, string method, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity("platform", PlatformClaims.Name, PlatformClaims.Role);
        identity.SetClaim(Claims.Subject, subject)
            .SetClaim(PlatformClaims.Name, name)
            .SetClaim(PlatformClaims.Role, role)
            .SetClaim(PlatformClaims.Territory, territory)
            .SetClaim(PlatformClaims.Method, method);
        identity.SetScopes(scopes);
        // Everything goes into the access token (the services authorize with it); the identity token says who, not what.
        identity.SetDestinations(claim => claim.Type is Claims.Subject or PlatformClaims.Name
            ? [Destinations.AccessToken, Destinations.IdentityToken]
            : [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }
}
