using System.Security.Claims;
using Platform.ServiceDefaults.Identity;

namespace Platform.Testing;

/// <summary>
/// The internal signing key shared by the hosts a test starts (random per test run), and tokens
/// as the gateway would mint them, for calling a service directly as a given caller.
/// </summary>
public static class TestIdentity
{
    public static string SigningKey { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));

    private static readonly InternalIdentityToken Tokens = new(SigningKey);

    public static KeyValuePair<string, string?> Setting => new(InternalIdentityToken.ConfigurationKey, SigningKey);

    public static string Token(string role, string territory, string subject = "test-user", string? name = null) =>
        Tokens.Issue(
        [
            new Claim(PlatformClaims.Subject, subject),
            new Claim(PlatformClaims.Name, name ?? subject),
            new Claim(PlatformClaims.Role, role),
            new Claim(PlatformClaims.Territory, territory),
        ]);

    /// <summary>gRPC call metadata carrying the identity, as the gateway would send it.</summary>
    public static Grpc.Core.Metadata Headers(string role, string territory, string subject = "test-user") =>
        new() { { InternalIdentityToken.HeaderName, Token(role, territory, subject) } };

    /// <summary>gRPC call metadata carrying a service's own identity (role service).</summary>
    public static Grpc.Core.Metadata ServiceHeaders(string service) =>
        new() { { InternalIdentityToken.HeaderName, Tokens.IssueForService(service) } };

    /// <summary>An HttpClient whose requests carry the identity.</summary>
    public static HttpClient As(this HttpClient client, string role, string territory, string subject = "test-user")
    {
        client.DefaultRequestHeaders.Remove(InternalIdentityToken.HeaderName);
        client.DefaultRequestHeaders.Add(InternalIdentityToken.HeaderName, Token(role, territory, subject));
        return client;
    }
}
