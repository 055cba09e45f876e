using System.Net;
using System.Text.Json;
using Platform.ServiceDefaults.Identity;

namespace Gateway.Tests;

public sealed class IdentityTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task A_valid_key_passes_and_the_same_key_is_refused_once_revoked()
    {
        var (key, plainText) = await fixture.CreateApiKeyAsync(PlatformRoles.LabourOffice, "1203", TimeSpan.FromDays(30));
        using var client = fixture.Gateway.CreateHttpClient();
        client.DefaultRequestHeaders.Add("x-api-key", plainText);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/v1/catalogue/strategies")).StatusCode);

        await fixture.RevokeAsync(key);

        using var refused = await client.GetAsync("api/v1/catalogue/strategies");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("unieważniony", await Detail(refused));
    }

    [Fact]
    public async Task An_expired_or_unknown_key_is_refused_with_the_reason()
    {
        var (_, expired) = await fixture.CreateApiKeyAsync(PlatformRoles.LabourOffice, "1203", TimeSpan.FromSeconds(-1));
        using var client = fixture.Gateway.CreateHttpClient();

        client.DefaultRequestHeaders.Add("x-api-key", expired);
        using var expiredResponse = await client.GetAsync("api/v1/catalogue/strategies");
        Assert.Equal(HttpStatusCode.Unauthorized, expiredResponse.StatusCode);
        Assert.Contains("wygasł", await Detail(expiredResponse));

        client.DefaultRequestHeaders.Remove("x-api-key");
        client.DefaultRequestHeaders.Add("x-api-key", "pk_0123456789ab_" + new string('x', 43));
        using var unknown = await client.GetAsync("api/v1/catalogue/strategies");
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Contains("nieznany", await Detail(unknown));
    }

    [Fact]
    public async Task A_bad_bearer_token_is_refused_and_a_good_one_passes()
    {
        using var client = fixture.Gateway.CreateHttpClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "not.a.token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("api/v1/catalogue/strategies")).StatusCode);

        client.DefaultRequestHeaders.Authorization = new("Bearer", fixture.PersonToken(PlatformRoles.Analyst, "1203"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/v1/catalogue/strategies")).StatusCode);
    }

    [Theory]
    [InlineData("service")]
    [InlineData("superuser")]
    public async Task A_person_token_with_a_role_people_do_not_hold_is_refused_and_not_forwarded(string role)
    {
        // A token signed by the people's key (as an outside identity provider's would be) asking for the services' own role:
        // the labour bulk export answered it once.
        using var client = fixture.Gateway.CreateHttpClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", fixture.PersonToken(role, ""));
        using var response = await client.GetAsync("api/v1/catalogue/strategies");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains($"„{role}”", await Detail(response));

        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(fixture.Gateway.GrpcAddress);
        var export = new Platform.Contracts.Labour.V1.LabourMarket.LabourMarketClient(channel).ExportObservations(
            new Platform.Contracts.Labour.V1.ExportObservationsRequest(),
            new Grpc.Core.Metadata { { "authorization", "Bearer " + fixture.PersonToken(role, "") } }, DateTime.UtcNow.AddSeconds(20));
        var ex = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => export.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(Grpc.Core.StatusCode.Unauthenticated, ex.StatusCode);
    }

    [Fact]
    public async Task An_identity_header_sent_by_a_client_to_the_gateway_is_refused()
    {
        using var client = fixture.Gateway.CreateHttpClient();
        client.DefaultRequestHeaders.Add(InternalIdentityToken.HeaderName, "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.");
        using var response = await client.GetAsync("api/v1/catalogue/strategies");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<string> Detail(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString() ?? "";
}
