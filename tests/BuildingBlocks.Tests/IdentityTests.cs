using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using BuildingBlocks.Tests.Notes;
using Platform.ServiceDefaults.Identity;
using Platform.Testing;

namespace BuildingBlocks.Tests;

public sealed class IdentityTests(NotesFixture fixture) : IClassFixture<NotesFixture>
{
    [Fact]
    public async Task A_caller_signed_by_the_gateway_key_is_known_to_the_service()
    {
        using var client = fixture.Host.CreateHttpClient().As(PlatformRoles.Planner, "120305", "planner-trzebinia");
        var caller = await client.GetFromJsonAsync<JsonElement>("whoami");
        Assert.Equal("planner-trzebinia", caller.GetProperty("subject").GetString());
        Assert.Equal("120305", caller.GetProperty("territory").GetString());
    }

    [Fact]
    public async Task A_forged_identity_header_sent_directly_to_a_service_is_refused()
    {
        // Same claims, signed with a key that is not the platform's: what an attacker can make.
        var forged = TestIdentity.Forger().Issue(
            [new Claim(PlatformClaims.Subject, "intruder"), new Claim(PlatformClaims.Role, PlatformRoles.Admin), new Claim(PlatformClaims.Territory, "")]);
        using var client = fixture.Host.CreateHttpClient();
        client.DefaultRequestHeaders.Add(InternalIdentityToken.HeaderName, forged);

        using var response = await client.PostAsync("units/120305/notes", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(null, null, HttpStatusCode.Unauthorized)]                        // anonymous
    [InlineData(PlatformRoles.Analyst, "1203", HttpStatusCode.Forbidden)]       // wrong role
    [InlineData(PlatformRoles.Planner, "120304", HttpStatusCode.Forbidden)]     // Libiąż planner, Trzebinia unit
    [InlineData(PlatformRoles.Planner, "120305", HttpStatusCode.OK)]            // Trzebinia planner
    [InlineData(PlatformRoles.Planner, "1203", HttpStatusCode.OK)]              // county planner covers its gminy
    [InlineData(PlatformRoles.Admin, "", HttpStatusCode.OK)]
    public async Task A_write_needs_the_role_and_a_territory_covering_the_unit(string? role, string? territory, HttpStatusCode expected)
    {
        using var client = fixture.Host.CreateHttpClient();
        if (role is not null) client.As(role, territory!);

        using var response = await client.PostAsync("units/1203054/notes", null);

        Assert.Equal(expected, response.StatusCode);
        if (expected != HttpStatusCode.OK)
            Assert.False(string.IsNullOrEmpty((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()));
    }
}
