using System.Security.Claims;
using Platform.ServiceDefaults.Identity;

namespace BuildingBlocks.Tests;

/// <summary>
/// Security finding 2: every process holds its own internal identity key. The gateway's vouches for any caller; a
/// service's only for that service, so a compromised catalogue cannot mint an administrator nor pass for labour.
/// </summary>
public sealed class InternalKeysTests
{
    private static readonly (string PrivatePem, string PublicPem) Gateway = InternalIdentityToken.NewKeyPair(), Catalogue = InternalIdentityToken.NewKeyPair();

    // What a service receiving calls holds: the public keys only.
    private static readonly InternalIdentityToken Verifier = new(null, null, new Dictionary<string, string>
    {
        ["gateway"] = Gateway.PublicPem,
        ["catalogue"] = Catalogue.PublicPem,
    });

    private static InternalIdentityToken Signer((string PrivatePem, string PublicPem) pair, string name) => new(pair.PrivatePem, name, new Dictionary<string, string>());

    private static Claim[] Person(string role) => [new(PlatformClaims.Subject, "ktos"), new(PlatformClaims.Role, role), new(PlatformClaims.Territory, "")];

    [Fact]
    public async Task The_gateway_vouches_for_people_and_a_service_for_itself()
    {
        var admin = await Verifier.ValidateAsync(Signer(Gateway, "gateway").Issue(Person(PlatformRoles.Admin)));
        Assert.Equal("ktos", admin?.FindFirst(PlatformClaims.Subject)?.Value);
        var catalogue = await Verifier.ValidateAsync(Signer(Catalogue, "catalogue").IssueForService("catalogue"));
        Assert.Equal("service:catalogue", catalogue?.FindFirst(PlatformClaims.Subject)?.Value);
    }

    [Fact]
    public async Task A_services_key_cannot_mint_a_person_nor_another_service()
    {
        var catalogue = Signer(Catalogue, "catalogue");
        Assert.Null(await Verifier.ValidateAsync(catalogue.Issue(Person(PlatformRoles.Admin))));
        Assert.Null(await Verifier.ValidateAsync(catalogue.IssueForService("labour")));
        // Its key under the gateway's name in the token header: the gateway's public key does not verify it.
        Assert.Null(await Verifier.ValidateAsync(Signer(Catalogue, "gateway").Issue(Person(PlatformRoles.Admin))));
    }

    [Fact]
    public async Task A_key_nobody_trusts_vouches_for_nobody()
    {
        var stranger = InternalIdentityToken.NewKeyPair();
        Assert.Null(await Verifier.ValidateAsync(Signer(stranger, "gateway").Issue(Person(PlatformRoles.Analyst))));
        Assert.Null(await Verifier.ValidateAsync(Signer(stranger, "zones").IssueForService("zones")));
        // A process configured with no trusted keys authenticates nobody (fail closed).
        Assert.Null(await new InternalIdentityToken(null, null, new Dictionary<string, string>()).ValidateAsync(Signer(Gateway, "gateway").Issue(Person(PlatformRoles.Admin))));
    }
}
