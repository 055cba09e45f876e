using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.ServiceDefaults.Identity;

namespace Gateway.Identity;

/// <summary>
/// People's JWT bearer tokens. A county plugs in its identity provider with Auth:Jwt:Authority
/// (OpenID Connect discovery); without one, tokens are validated with Auth:Jwt:SigningKey, which the
/// development command <c>tokens issue</c> uses to make the demo users' tokens.
/// </summary>
public sealed class PeopleTokens(IConfiguration configuration)
{
    public const string Issuer = "platform-dev-identity";
    public const string Audience = "platform";

    public string? SigningKey => configuration["Auth:Jwt:SigningKey"];
    public string? Authority => configuration["Auth:Jwt:Authority"];
    public string ValidIssuer => configuration["Auth:Jwt:Issuer"] ?? Issuer;
    public string ValidAudience => configuration["Auth:Jwt:Audience"] ?? Audience;

    public SymmetricSecurityKey? Key => string.IsNullOrEmpty(SigningKey) ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey));

    public string Issue(string subject, string name, string role, string territory, TimeSpan lifetime) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = ValidIssuer,
            Audience = ValidAudience,
            Subject = new ClaimsIdentity(
            [
                new Claim(PlatformClaims.Subject, subject),
                new Claim(PlatformClaims.Name, name),
                new Claim(PlatformClaims.Role, role),
                new Claim(PlatformClaims.Territory, territory),
            ]),
            Expires = DateTime.UtcNow + lifetime,
            SigningCredentials = new SigningCredentials(
                Key ?? throw new InvalidOperationException("Auth:Jwt:SigningKey is not set"), SecurityAlgorithms.HmacSha256),
        });
}
