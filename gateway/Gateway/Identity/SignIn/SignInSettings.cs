namespace Gateway.Identity.SignIn;

/// <summary>
/// The gateway as the platform's OpenID Connect provider (section "Auth:Oidc"). Keys come from the secrets
/// (a process without them in Production refuses to start); development and tests fall back to keys that live
/// as long as the process.
/// </summary>
public sealed class SignInSettings
{
    public const string SectionName = "Auth:Oidc";

    /// <summary>The issuer written into tokens; one value for the REST and gRPC ports alike.</summary>
    public string Issuer { get; set; } = "http://127.0.0.1:8080/";
    /// <summary>PEM private key (EC P-256 or RSA) that signs access and identity tokens.</summary>
    public string? SigningKey { get; set; }
    /// <summary>Base64 of 32 random bytes: encrypts authorization codes and refresh tokens.</summary>
    public string? EncryptionKey { get; set; }
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);
    /// <summary>A working day: the portal refreshes its access token within it, then asks for the password again.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(10);
    /// <summary>Origins the portal is opened from (its sign-in callback must be registered exactly).</summary>
    public List<string> PortalOrigins { get; set; } = ["http://127.0.0.1:8080", "http://localhost:8080"];
    /// <summary>Failed passwords before an account locks, and for how long.</summary>
    public int MaxFailedPasswords { get; set; } = 5;
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}
