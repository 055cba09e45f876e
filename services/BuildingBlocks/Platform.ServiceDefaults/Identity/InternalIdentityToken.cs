using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Identity;

/// <summary>
/// How the gateway tells a service who the caller is: a short-lived token signed with a key only
/// the gateway and the services hold, in a header the gateway strips from what clients send. A
/// client calling a service directly cannot forge it.
/// </summary>
public sealed class InternalIdentityToken
{
    public const string HeaderName = "x-platform-identity";
    public const string Issuer = "platform-gateway";
    public const string Audience = "platform-services";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public const string ConfigurationKey = "Auth:InternalSigningKey";

    private readonly SymmetricSecurityKey? _key;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    /// <param name="signingKey">At least 32 bytes; without it nobody can be authenticated (fail closed).</param>
    public InternalIdentityToken(string? signingKey)
    {
        if (!string.IsNullOrWhiteSpace(signingKey))
        {
            if (Encoding.UTF8.GetByteCount(signingKey) < 32)
                throw new InvalidOperationException($"{ConfigurationKey} must be at least 32 bytes long.");
            _key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey));
        }
    }

    public bool IsConfigured => _key is not null;

    public string Issue(IEnumerable<Claim> claims) => _handler.CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = Audience,
        Subject = new ClaimsIdentity(claims),
        Expires = DateTime.UtcNow + Lifetime,
        SigningCredentials = new SigningCredentials(
            _key ?? throw new InvalidOperationException($"{ConfigurationKey} is not set: cannot pass identities on."), SecurityAlgorithms.HmacSha256),
    });

    public async Task<ClaimsPrincipal?> ValidateAsync(string token)
    {
        if (_key is null) return null;
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = _key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.FromSeconds(30),
            NameClaimType = PlatformClaims.Name,
            RoleClaimType = PlatformClaims.Role,
        });
        return result.IsValid ? new ClaimsPrincipal(result.ClaimsIdentity) : null;
    }
}
