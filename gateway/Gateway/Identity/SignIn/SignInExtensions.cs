using System.Security.Cryptography;
using Gateway.Identity.Users;
using Gateway.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Gateway.Identity.SignIn;

/// <summary>
/// People sign in with a login and password (ASP.NET Core Identity: hashes, lockout, password rules, optional
/// authenticator codes) and the gateway hands out tokens as an OpenID Connect provider (OpenIddict): the code
/// flow with PKCE and refresh tokens for the portal, client credentials for machines, sign-out and revocation.
/// </summary>
public static class SignInExtensions
{
    public static IHostApplicationBuilder AddPeopleSignIn(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SignInSettings.SectionName);
        var settings = section.Get<SignInSettings>() ?? new SignInSettings();
        builder.Services.Configure<SignInSettings>(section);

        builder.Services.AddIdentityCore<PlatformUser>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = settings.MaxFailedPasswords;
                o.Lockout.DefaultLockoutTimeSpan = settings.LockoutDuration;
                o.Lockout.AllowedForNewUsers = true;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyz0123456789.-_@";
            })
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<PolishIdentityErrors>()
            .AddEntityFrameworkStores<GatewayDbContext>();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            // The cookie only keeps the sign-in session of /connect/authorize; the API never accepts it (no CSRF).
            o.Cookie.Name = "platform.signin";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = AccountPaths.Login;
            o.ExpireTimeSpan = settings.RefreshTokenLifetime;
            o.SlidingExpiration = false;
        });
        builder.Services.AddScoped<UserAdministration>();
        builder.Services.AddScoped<PeoplePrincipals>();
        builder.Services.AddHostedService<PortalClientRegistration>();

        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<GatewayDbContext>())
            .AddServer(o =>
            {
                o.SetIssuer(new Uri(settings.Issuer));
                o.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/endsession")
                    .SetRevocationEndpointUris("connect/revoke");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow()
                    .AllowCustomFlow(SignInClients.AdministratorGrant);
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.OfflineAccess, SignInClients.ScopeApi);
                o.SetAccessTokenLifetime(settings.AccessTokenLifetime).SetRefreshTokenLifetime(settings.RefreshTokenLifetime);
                // Access tokens stay readable JWTs (the portal shows who is signed in from them); codes and refresh
                // tokens are encrypted.
                o.DisableAccessTokenEncryption();
                AddKeys(o, settings, builder.Environment);
                o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    // TLS ends in front of the gateway (ingress, reverse proxy); on loopback there is none.
                    .DisableTransportSecurityRequirement();
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseAspNetCore();
                // A revoked token (signed out, account deactivated) is refused at once, not when it expires.
                o.EnableTokenEntryValidation();
            });
        return builder;
    }

    private static void AddKeys(OpenIddictServerBuilder o, SignInSettings settings, IHostEnvironment environment)
    {
        if (string.IsNullOrEmpty(settings.SigningKey) || string.IsNullOrEmpty(settings.EncryptionKey))
        {
            if (environment.IsProduction())
                throw new InvalidOperationException("Auth:Oidc:SigningKey and Auth:Oidc:EncryptionKey must be set: they sign and encrypt people's tokens.");
            // Development and tests: keys that live as long as the process (its tokens die with it).
            o.AddEphemeralSigningKey().AddEphemeralEncryptionKey();
            return;
        }
        o.AddSigningKey(PrivateKey(settings.SigningKey));
        o.AddEncryptionKey(new SymmetricSecurityKey(Convert.FromBase64String(settings.EncryptionKey)));
    }

    private static SecurityKey PrivateKey(string pem)
    {
        var text = pem.Replace("\\n", "\n");
        if (text.Contains("RSA", StringComparison.Ordinal))
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(text);
            return new RsaSecurityKey(rsa) { KeyId = Thumbprint(rsa.ExportSubjectPublicKeyInfo()) };
        }
        var ec = ECDsa.Create();
        ec.ImportFromPem(text);
        return new ECDsaSecurityKey(ec) { KeyId = Thumbprint(ec.ExportSubjectPublicKeyInfo()) };
    }

    private static string Thumbprint(byte[] publicKey) => Base64UrlEncoder.Encode(SHA256.HashData(publicKey)[..16]);
}
