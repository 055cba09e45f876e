using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Gateway.Identity.SignIn;

/// <summary>
/// Registers the portal as a public client at each start, with the callback of every origin it is opened from
/// (runs after the migrations: hosted services start in the order they were added).
/// </summary>
public sealed class PortalClientRegistration(IServiceProvider services, IOptions<SignInSettings> settings) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = SignInClients.Portal,
            ClientType = ClientTypes.Public,
            ApplicationType = ApplicationTypes.Web,
            DisplayName = "Portal platformy strategii rozwoju",
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession, Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile, Permissions.Prefixes.Scope + SignInClients.ScopeApi,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var origin in settings.Value.PortalOrigins.Select(o => o.TrimEnd('/')).Distinct())
        {
            descriptor.RedirectUris.Add(new Uri(origin + SignInClients.CallbackPath));
            descriptor.PostLogoutRedirectUris.Add(new Uri(origin + "/"));
        }
        if (await applications.FindByClientIdAsync(SignInClients.Portal, cancellationToken) is { } existing)
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        else
            await applications.CreateAsync(descriptor, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
