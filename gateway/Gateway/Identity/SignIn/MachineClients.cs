using System.Security.Cryptography;
using System.Text.Json;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Gateway.Identity.SignIn;

/// <summary>
/// Machine clients of the provider (client credentials): a system that acts with a fixed role and territory. The
/// secret is shown once; OpenIddict keeps only its hash.
/// </summary>
public static class MachineClients
{
    public static async Task<string> CreateAsync(IOpenIddictApplicationManager applications, string clientId, string name, string role, string territory,
        CancellationToken ct)
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = name,
            Permissions = { Permissions.Endpoints.Token, Permissions.Endpoints.Revocation, Permissions.GrantTypes.ClientCredentials, Permissions.Prefixes.Scope + SignInClients.ScopeApi },
        };
        descriptor.Properties[SignInClients.RoleProperty] = JsonSerializer.SerializeToElement(role);
        descriptor.Properties[SignInClients.TerritoryProperty] = JsonSerializer.SerializeToElement(territory);
        await applications.CreateAsync(descriptor, ct);
        return secret;
    }
}
