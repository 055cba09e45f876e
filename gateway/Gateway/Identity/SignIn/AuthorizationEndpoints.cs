using System.Security.Claims;
using System.Text.Json;
using Gateway.Identity.Users;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Platform.ServiceDefaults.Identity;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Gateway.Identity.SignIn;

/// <summary>
/// The provider's own decisions (OpenIddict validates the protocol first): who gets a code, what a token says,
/// and sign-out. Every token is built from the account as it is at that moment, so a deactivated account or a
/// changed role stops at the next refresh at the latest (and at once where its tokens were revoked).
/// </summary>
public static class AuthorizationEndpoints
{
    public static WebApplication MapAuthorizationEndpoints(this WebApplication app)
    {
        var connect = app.MapGroup("/connect").ExcludeFromDescription();
        connect.MapMethods("/authorize", [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync);
        connect.MapPost("/token", TokenAsync);
        connect.MapMethods("/endsession", [HttpMethods.Get, HttpMethods.Post], (Func<HttpContext, Task<IResult>>)EndSessionAsync);
        return app;
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext context, UserManager<PlatformUser> users, PeoplePrincipals principals)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an OpenID Connect request");
        var session = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!session.Succeeded || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None)) return Refuse(Errors.LoginRequired, "Nikt nie jest zalogowany.");
            var query = context.Request.HasFormContentType ? QueryString.Create(await context.Request.ReadFormAsync()) : context.Request.QueryString;
            return Results.Challenge(new AuthenticationProperties { RedirectUri = context.Request.PathBase + context.Request.Path + query },
                [IdentityConstants.ApplicationScheme]);
        }
        var user = await users.GetUserAsync(session.Principal);
        if (await principals.RefusalAsync(user) is { } refusal)
        {
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            return Refuse(Errors.AccessDenied, refusal);
        }
        return SignIn(PeoplePrincipals.For(user!, request.GetScopes(), "pwd"));
    }

    private static async Task<IResult> TokenAsync(HttpContext context, UserManager<PlatformUser> users, PeoplePrincipals principals,
        IOpenIddictApplicationManager applications, UserAdministration administration)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an OpenID Connect request");
        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var previous = (await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
            var user = previous is null ? null : await users.FindByNameAsync(previous.GetClaim(Claims.Subject) ?? "");
            if (previous is null) return Refuse(Errors.InvalidGrant, "Nieważny kod albo token odświeżania.");
            if (await principals.RefusalAsync(user) is { } refusal) return Refuse(Errors.InvalidGrant, refusal);
            return SignIn(PeoplePrincipals.For(user!, previous.GetScopes(), previous.GetClaim(PlatformClaims.Method) ?? "pwd"));
        }
        if (request.IsClientCredentialsGrantType())
        {
            // A machine client acts with the role and territory an administrator gave it (clients create).
            var client = await applications.FindByClientIdAsync(request.ClientId!) ?? throw new InvalidOperationException("unknown client");
            var properties = await applications.GetPropertiesAsync(client);
            var role = Property(properties, SignInClients.RoleProperty);
            if (!PlatformRoles.All.Contains(role)) return Refuse(Errors.UnauthorizedClient, "Klient nie ma roli platformy.");
            return SignIn(PeoplePrincipals.ForMachine(request.ClientId!, await applications.GetDisplayNameAsync(client) ?? request.ClientId!,
                role, Property(properties, SignInClients.TerritoryProperty), request.GetScopes()));
        }
        if (request.GrantType == SignInClients.AdministratorGrant)
        {
            // Only the administrator's command line holds this grant (OpenIddict checks the client's permission).
            var login = request.GetParameter(SignInClients.LoginParameter)?.ToString() ?? "";
            var user = await users.FindByNameAsync(login);
            if (user is null || user.DeactivatedAt is not null || await users.IsLockedOutAsync(user))
                return Refuse(Errors.InvalidGrant, $"Konto „{login}” nie istnieje, jest wyłączone albo zablokowane.");
            await administration.RecordAsync("cli", user.UserName!, "token-issued", "token wydany z wiersza poleceń administratora", context.RequestAborted);
            return SignIn(PeoplePrincipals.For(user, [SignInClients.ScopeApi], "administrator-issued"));
        }
        return Refuse(Errors.UnsupportedGrantType, "Nieobsługiwany rodzaj uprawnienia.");
    }

    private static async Task<IResult> EndSessionAsync(HttpContext context)
    {
        await context.SignOutAsync(IdentityConstants.ApplicationScheme);
        // OpenIddict sends the browser to the client's registered post_logout_redirect_uri (else to the portal).
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static IResult SignIn(ClaimsPrincipal principal) =>
        Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    private static IResult Refuse(string error, string description) => Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        // RFC 6749 allows only ASCII in error_description: the Polish reason is written without diacritics.
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = Ascii(description),
    }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    private static string Ascii(string text)
    {
        const string from = "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ„”", to = "acelnoszzACELNOSZZ''";
        return new string(text.Select(c => from.IndexOf(c) is var i and >= 0 ? to[i] : c).Where(c => c is >= ' ' and <= '~' and not '\\' and not '"').ToArray());
    }

    private static string Property(IReadOnlyDictionary<string, JsonElement> properties, string name) =>
        properties.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
