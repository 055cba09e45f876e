using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Gateway.Identity.SignIn;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Validation.AspNetCore;
using Platform.ServiceDefaults.Identity;

namespace Gateway.Identity;

public static class GatewayIdentityExtensions
{
    public const string PolicyScheme = "Gateway";

    /// <summary>
    /// API keys for machines; bearer tokens from the gateway's own OpenID Connect provider (people signed in with a
    /// password, machine clients) or from a county's identity provider when one is configured. The gateway picks the
    /// validator by what the caller sent.
    /// </summary>
    public static IHostApplicationBuilder AddGatewayIdentity(this IHostApplicationBuilder builder)
    {
        var external = new ExternalIdentityProvider(builder.Configuration);
        var localIssuer = builder.Configuration.GetSection(SignInSettings.SectionName).Get<SignInSettings>()?.Issuer ?? new SignInSettings().Issuer;
        builder.Services.AddSingleton(external);
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddSingleton<SignInGuard>();
        builder.Services.AddSingleton(TimeProvider.System);

        var authentication = builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = PolicyScheme;
                o.DefaultChallengeScheme = PolicyScheme;
            })
            .AddPolicyScheme(PolicyScheme, "API key or bearer token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName) ? ApiKeyAuthenticationHandler.SchemeName
                : external.Issued(context.Request, localIssuer) ? JwtBearerDefaults.AuthenticationScheme
                : OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        if (external.Enabled) authentication.AddJwtBearer(external.Configure);
        authentication.AddIdentityCookies();
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "platform.antiforgery");
        builder.AddPeopleSignIn();
        return builder;
    }

    /// <summary>
    /// Credentials that were presented but do not hold (unknown, revoked or expired key; bad token) are
    /// refused with the reason, even for a public read: silently treating them as anonymous would
    /// hide a revoked feeder's failure.
    /// </summary>
    public static WebApplication UseGatewayIdentity(this WebApplication app)
    {
        var guard = app.Services.GetRequiredService<SignInGuard>();
        app.Use(async (context, next) =>
        {
            // The provider's own endpoints and pages check their credentials themselves (client secrets, passwords).
            if (context.Request.Path.StartsWithSegments("/connect") || context.Request.Path.StartsWithSegments("/account"))
            {
                await next(context);
                return;
            }
            if (CredentialsInQuery(context.Request) is { } name)
            {
                // Refused before anything logs the address: a key in a URL ends up in logs and browser histories.
                await Results.ValidationProblem(new Dictionary<string, string[]>
                {
                    [name] = ["Klucz API i token podaje się w nagłówku (x-api-key albo Authorization: Bearer), nigdy w adresie: adresy trafiają do logów i historii przeglądarek. Unieważnij ten klucz."],
                }, title: "Poświadczenia w adresie").ExecuteAsync(context);
                return;
            }
            var presented = context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
                            || context.Request.Headers.Authorization.Count > 0;
            if (presented)
            {
                if (guard.Blocked(context))
                {
                    context.Response.Headers.RetryAfter = "60";
                    await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Za dużo nieudanych prób",
                        detail: "Z tego adresu było za dużo nieudanych prób uwierzytelnienia; spróbuj ponownie za minutę.").ExecuteAsync(context);
                    return;
                }
                var result = await context.AuthenticateAsync(PolicyScheme);
                if (!result.Succeeded)
                    throw new AccessDeniedException(true, $"Odmowa: {guard.Refused(context, result.Failure)}.");
            }
            else if (IsWrite(context.Request))
            {
                // Refused before the body is read: an anonymous 9 MiB import is not parsed only to be refused.
                throw new AccessDeniedException(true, "Zaloguj się: zmiany w danych wymagają zalogowania.");
            }
            await next(context);
        });
        return app;
    }

    private static readonly string[] CredentialParameters = ["api_key", "apikey", "x-api-key", "access_token"];

    private static string? CredentialsInQuery(HttpRequest request) =>
        request.QueryString.HasValue ? request.Query.Keys.FirstOrDefault(k => CredentialParameters.Contains(k, StringComparer.OrdinalIgnoreCase)) : null;

    /// <summary>A change through the API (not a read; the portal's own pages and sign-in are outside /api/).</summary>
    private static bool IsWrite(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method);
}
