using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.ServiceDefaults.Identity;

namespace Gateway.Identity;

/// <summary>
/// A county's own identity provider (section "Auth:Jwt"), beside the gateway's: its tokens are validated through
/// OpenID Connect discovery (Authority) or, for a provider without discovery, a shared key (SigningKey + Issuer).
/// Its role and territory claims (RoleClaim, TerritoryClaim) pass only through the allow-list Roles
/// (its value → a platform role; by default the platform's own role names): any other role is refused, never
/// forwarded for a service to trust.
/// </summary>
public sealed class ExternalIdentityProvider(IConfiguration configuration)
{
    private readonly IConfigurationSection _section = configuration.GetSection("Auth:Jwt");

    public string? Authority => _section["Authority"];
    public string? SigningKey => _section["SigningKey"];
    public bool Enabled => !string.IsNullOrEmpty(Authority) || !string.IsNullOrEmpty(SigningKey);
    public string? Issuer => _section["Issuer"];
    public string? Audience => _section["Audience"];
    public string RoleClaim => _section["RoleClaim"] ?? PlatformClaims.Role;
    public string TerritoryClaim => _section["TerritoryClaim"] ?? PlatformClaims.Territory;

    /// <summary>The provider's role value → the platform's role.</summary>
    public IReadOnlyDictionary<string, string> Roles =>
        _section.GetSection("Roles").GetChildren().ToDictionary(c => c.Key, c => c.Value ?? "", StringComparer.Ordinal) is { Count: > 0 } map
            ? map
            : PlatformRoles.All.ToDictionary(r => r, r => r, StringComparer.Ordinal);

    /// <summary>True when the bearer token on the request is a JWT another issuer than <paramref name="localIssuer"/> signed.</summary>
    public bool Issued(HttpRequest request, string localIssuer)
    {
        if (!Enabled) return false;
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        var token = header["Bearer ".Length..].Trim();
        try
        {
            // Only read to route the token; its validator checks it.
            return new JsonWebTokenHandler().ReadJsonWebToken(token).Issuer is { Length: > 0 } issuer
                && !string.Equals(issuer.TrimEnd('/'), localIssuer.TrimEnd('/'), StringComparison.Ordinal);
        }
        catch (ArgumentException)
        {
            return false; // not a JWT: the gateway's own validator refuses it with the usual reason
        }
    }

    public void Configure(JwtBearerOptions o)
    {
        o.MapInboundClaims = false;
        o.Authority = Authority;
        o.RequireHttpsMetadata = !string.IsNullOrEmpty(Authority) && !Authority.StartsWith("http://127.0.0.1", StringComparison.Ordinal);
        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidateIssuer = !string.IsNullOrEmpty(Issuer) || !string.IsNullOrEmpty(Authority),
            ValidAudience = Audience,
            ValidateAudience = !string.IsNullOrEmpty(Audience),
            IssuerSigningKey = string.IsNullOrEmpty(SigningKey) ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey)),
            NameClaimType = PlatformClaims.Name,
            RoleClaimType = PlatformClaims.Role,
            ClockSkew = TimeSpan.FromSeconds(30),
        };
        o.Events = new JwtBearerEvents { OnTokenValidated = context => { Map(context); return Task.CompletedTask; } };
    }

    /// <summary>The provider's claims become the platform's, through the allow-list.</summary>
    private void Map(TokenValidatedContext context)
    {
        var source = context.Principal!;
        var allowed = Roles;
        var presented = source.FindAll(RoleClaim).Select(c => c.Value).ToList();
        var roles = presented.Where(allowed.ContainsKey).Select(r => allowed[r]).Where(PlatformRoles.All.Contains).Distinct().ToList();
        if (roles.Count == 0)
        {
            context.Fail(presented.Count == 0
                ? "token osoby bez roli platformy"
                : $"token osoby z rolą „{presented[0]}”, której platforma nie nadaje osobom");
            return;
        }
        var territory = source.FindFirst(TerritoryClaim)?.Value ?? "";
        if (territory.Length > 7 || !territory.All(char.IsAsciiDigit))
        {
            context.Fail($"token osoby z obszarem „{territory}”, który nie jest kodem TERYT");
            return;
        }
        var subject = source.FindFirst(PlatformClaims.Subject)?.Value ?? "";
        var identity = new ClaimsIdentity(JwtBearerDefaults.AuthenticationScheme, PlatformClaims.Name, PlatformClaims.Role);
        identity.AddClaim(new Claim(PlatformClaims.Subject, subject));
        identity.AddClaim(new Claim(PlatformClaims.Name, source.FindFirst(PlatformClaims.Name)?.Value ?? source.FindFirst("preferred_username")?.Value ?? subject));
        identity.AddClaims(roles.Select(r => new Claim(PlatformClaims.Role, r)));
        identity.AddClaim(new Claim(PlatformClaims.Territory, territory));
        identity.AddClaim(new Claim(PlatformClaims.Method, "external"));
        context.Principal = new ClaimsPrincipal(identity);
    }
}
