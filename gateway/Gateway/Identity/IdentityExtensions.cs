using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Platform.ServiceDefaults.Identity;

namespace Gateway.Identity;

public static class GatewayIdentityExtensions
{
    public const string PolicyScheme = "Gateway";

    /// <summary>API keys for machines, JWT bearer tokens for people; the gateway picks by what the caller sent.</summary>
    public static IHostApplicationBuilder AddGatewayIdentity(this IHostApplicationBuilder builder)
    {
        var people = new PeopleTokens(builder.Configuration);
        builder.Services.AddSingleton(people);
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddSingleton<SignInGuard>();
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = PolicyScheme;
                o.DefaultChallengeScheme = PolicyScheme;
            })
            .AddPolicyScheme(PolicyScheme, "API key or bearer token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.Authority = people.Authority;
                o.RequireHttpsMetadata = people.Authority is not null;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = people.ValidIssuer,
                    ValidAudience = people.ValidAudience,
                    IssuerSigningKey = people.Key,
                    ValidateIssuerSigningKey = people.Key is not null,
                    NameClaimType = PlatformClaims.Name,
                    RoleClaimType = PlatformClaims.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                // A person holds a person's role only: "service" (a platform service acting for itself) or a role an outside
                // identity provider invents is refused, never forwarded for a service to trust.
                o.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        var roles = context.Principal?.FindAll(PlatformClaims.Role).Select(c => c.Value).ToList() ?? [];
                        if (roles.FirstOrDefault(r => !PlatformRoles.All.Contains(r)) is { } foreign)
                            context.Fail($"token osoby z rolą „{foreign}”, której platforma nie nadaje osobom");
                        return Task.CompletedTask;
                    },
                };
            });
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
