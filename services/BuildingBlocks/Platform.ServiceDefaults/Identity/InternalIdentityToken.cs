using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Identity;

/// <summary>
/// How the gateway tells a service who the caller is, and how a service presents itself to another: a short-lived
/// token in a header the gateway strips from what clients send, signed (ES256) with the signer's own private key.
/// Every process holds only its own private key and the others' public keys (Auth:Internal:TrustedKeys:{signer}).
/// The gateway's key may vouch for any caller; a service's key only for that service itself (role service, subject
/// service:{name}), so a compromised service cannot mint an administrator, nor pass for another service.
/// </summary>
public sealed class InternalIdentityToken
{
    public const string HeaderName = "x-platform-identity";
    public const string Issuer = "platform-gateway";
    public const string Audience = "platform-services";
    public const string GatewaySigner = "gateway";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>Configuration: SigningKey (this process's PEM EC private key), Signer (its name), TrustedKeys:{signer} (PEM public keys).</summary>
    public const string Section = "Auth:Internal";

    private readonly ECDsaSecurityKey? _signing;
    private readonly string? _signer;
    private readonly IReadOnlyDictionary<string, ECDsaSecurityKey> _trusted;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    /// <param name="signingKeyPem">This process's private key; without it, it cannot vouch for anyone.</param>
    /// <param name="trustedPem">Public keys by signer; without them nobody is authenticated (fail closed).</param>
    public InternalIdentityToken(string? signingKeyPem, string? signer, IReadOnlyDictionary<string, string> trustedPem)
    {
        if (!string.IsNullOrWhiteSpace(signingKeyPem))
        {
            if (string.IsNullOrWhiteSpace(signer)) throw new InvalidOperationException($"{Section}:Signer must name this process when {Section}:SigningKey is set.");
            _signing = Key(signingKeyPem, signer, $"{Section}:SigningKey");
            _signer = signer;
        }
        _trusted = trustedPem.Where(k => !string.IsNullOrWhiteSpace(k.Value))
            .ToDictionary(k => k.Key, k => Key(k.Value, k.Key, $"{Section}:TrustedKeys:{k.Key}"));
    }

    public static InternalIdentityToken From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        return new InternalIdentityToken(section["SigningKey"], section["Signer"],
            section.GetSection("TrustedKeys").GetChildren().ToDictionary(c => c.Key, c => c.Value ?? ""));
    }

    public bool IsConfigured => _trusted.Count > 0;

    public string Issue(IEnumerable<Claim> claims) => _handler.CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = Audience,
        Subject = new ClaimsIdentity(claims),
        Expires = DateTime.UtcNow + Lifetime,
        SigningCredentials = new SigningCredentials(
            _signing ?? throw new InvalidOperationException($"{Section}:SigningKey is not set: cannot pass identities on."), SecurityAlgorithms.EcdsaSha256),
    });

    public async Task<ClaimsPrincipal?> ValidateAsync(string token)
    {
        if (_trusted.Count == 0) return null;
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKeys = _trusted.Values,
            TryAllIssuerSigningKeys = false, // the key named by the token's kid, or none
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ClockSkew = TimeSpan.FromSeconds(30),
            NameClaimType = PlatformClaims.Name,
            RoleClaimType = PlatformClaims.Role,
        });
        // Who signed is the key that verified, not what the header claims.
        if (!result.IsValid || result.SecurityToken is not JsonWebToken { SigningKey.KeyId: { } signer }) return null;
        var principal = new ClaimsPrincipal(result.ClaimsIdentity);
        return signer == GatewaySigner || VouchesForItself(principal, signer) ? principal : null;
    }

    /// <summary>A service's key speaks for that service only.</summary>
    private static bool VouchesForItself(ClaimsPrincipal principal, string signer) =>
        principal.FindAll(PlatformClaims.Role).Select(c => c.Value).SequenceEqual([PlatformRoles.Service])
        && principal.FindFirst(PlatformClaims.Subject)?.Value == "service:" + signer;

    private static ECDsaSecurityKey Key(string pem, string signer, string setting)
    {
        var ecdsa = ECDsa.Create();
        try { ecdsa.ImportFromPem(pem.Replace("\\n", "\n")); }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            ecdsa.Dispose();
            throw new InvalidOperationException($"{setting} is not a PEM EC key.", e);
        }
        return new ECDsaSecurityKey(ecdsa) { KeyId = signer };
    }

    /// <summary>A new P-256 key pair as PEM (private, public): run.sh makes one per process, tests one per run.</summary>
    public static (string PrivatePem, string PublicPem) NewKeyPair()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (ecdsa.ExportPkcs8PrivateKeyPem(), ecdsa.ExportSubjectPublicKeyInfoPem());
    }
}
