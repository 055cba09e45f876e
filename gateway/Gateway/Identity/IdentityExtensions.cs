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
        app.Use(async (context, next) =>
        {
            var presented = context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
                            || context.Request.Headers.Authorization.Count > 0;
            if (presented)
            {
                var result = await context.AuthenticateAsync(PolicyScheme);
                if (!result.Succeeded)
                {
                    var reason = result.Failure?.Message ?? "brak prawidłowych poświadczeń";
                    throw new AccessDeniedException(true, $"Odmowa: {reason}.");
                }
            }
            await next(context);
        });
        return app;
    }
}
