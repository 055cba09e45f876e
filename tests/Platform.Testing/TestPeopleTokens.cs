using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.ServiceDefaults.Identity;

namespace Platform.Testing;

/// <summary>
/// A stand-in for a county's identity provider without discovery (a shared key): the gateway hosts of the tests
/// trust it through Auth:Jwt (the external-provider path), so a test can act as any role and territory without
/// making accounts. The gateway's own provider (login and password) is tested on its own.
/// </summary>
public static class TestPeopleTokens
{
    public const string Issuer = "platform-test-identity-provider";
    public static readonly string Key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));

    public static IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Auth:Jwt:SigningKey", Key),
        new("Auth:Jwt:Issuer", Issuer),
    ];

    public static string Issue(string subject, string name, string role, string territory, TimeSpan lifetime, string? key = null,
        DateTime? notBefore = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Subject = new ClaimsIdentity(
            [
                new Claim(PlatformClaims.Subject, subject),
                new Claim(PlatformClaims.Name, name),
                new Claim(PlatformClaims.Role, role),
                new Claim(PlatformClaims.Territory, territory),
            ]),
            NotBefore = notBefore,
            IssuedAt = notBefore,
            Expires = (notBefore ?? DateTime.UtcNow) + lifetime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key ?? Key)), SecurityAlgorithms.HmacSha256),
        });
}
