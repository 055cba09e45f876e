using System.Security.Claims;
using Platform.ServiceDefaults.Identity;

namespace Platform.Testing;

/// <summary>
/// The internal identity key the hosts a test starts share (a new P-256 pair per test run, all signing as the
/// gateway), and tokens as the gateway would mint them, for calling a service directly as a given caller.
/// </summary>
public static class TestIdentity
{
    private static readonly (string PrivatePem, string PublicPem) Pair = InternalIdentityToken.NewKeyPair();

    /// <summary>Issues and validates as every test host does.</summary>
    public static InternalIdentityToken Tokens { get; } =
        new(Pair.PrivatePem, InternalIdentityToken.GatewaySigner, new Dictionary<string, string> { [InternalIdentityToken.GatewaySigner] = Pair.PublicPem });

    /// <summary>The host settings: this run's key, signer and trusted public key.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new($"{InternalIdentityToken.Section}:SigningKey", Pair.PrivatePem),
        new($"{InternalIdentityToken.Section}:Signer", InternalIdentityToken.GatewaySigner),
        new($"{InternalIdentityToken.Section}:TrustedKeys:{InternalIdentityToken.GatewaySigner}", Pair.PublicPem),
    ];

    /// <summary>A token signer whose key nobody trusts (a forger's).</summary>
    public static InternalIdentityToken Forger(string signer = InternalIdentityToken.GatewaySigner) =>
        new(InternalIdentityToken.NewKeyPair().PrivatePem, signer, new Dictionary<string, string>());

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
