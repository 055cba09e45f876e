using System.Net;
using System.Text;
using System.Text.Json;
using Gateway.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Identity;
using Platform.Testing;

namespace Gateway.Tests;

/// <summary>
/// Security finding 6 and part of 7, as an attacker probes the gateway: what a refusal tells, what guessing costs,
/// where credentials may travel, and what an anonymous caller can make the platform read.
/// </summary>
public sealed class SignInFindingsTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task A_refused_token_is_told_why_in_Polish_without_the_token_librarys_internals()
    {
        using var client = fixture.Gateway.CreateHttpClient();
        // Signed by a key that is not the platform's (an attacker's): the library's message names key ids and thumbprints.
        var foreign = TestPeopleTokens.Issue("intruz", "Intruz", PlatformRoles.Admin, "", TimeSpan.FromMinutes(5),
            key: Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)));
        client.DefaultRequestHeaders.Authorization = new("Bearer", foreign);
        using var forged = await client.GetAsync("api/v1/catalogue/strategies");
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        var body = await forged.Content.ReadAsStringAsync();
        Assert.Contains("nieprawidłowy token", body);
        foreach (var internals in new[] { "IDX", "kid", "KeyId", "InternalId", "SymmetricSecurityKey", "Microsoft.IdentityModel" })
            Assert.DoesNotContain(internals, body);

        // A genuine token of the platform's, valid from two hours ago for an hour.
        var expired = TestPeopleTokens.Issue("stary", "stary", PlatformRoles.Analyst, "1203", TimeSpan.FromHours(1), notBefore: DateTime.UtcNow.AddHours(-2));
        client.DefaultRequestHeaders.Authorization = new("Bearer", expired);
        using var old = await client.GetAsync("api/v1/catalogue/strategies");
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        var detail = await Detail(old);
        Assert.Contains("wygasł", detail);
        Assert.DoesNotContain("IDX", detail);
    }

    [Fact]
    public async Task An_address_that_keeps_failing_is_stopped_before_its_guesses_are_checked()
    {
        await using var gateway = await fixture.StartGatewayAsync(
        [
            new("Services:catalogue:Http", fixture.Host.HttpAddress.ToString()),
            new("Services:catalogue:Grpc", fixture.Host.GrpcAddress.ToString()),
            new("Auth:FailedAttemptsPerMinute", "5"),
        ]);
        using var client = gateway.CreateHttpClient();
        for (var i = 0; i < 5; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/catalogue/strategies");
            request.Headers.Add("x-api-key", $"pk_{i:000000000000}_" + new string('x', 43));
            using var guess = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, guess.StatusCode);
        }
        // The sixth guess in the minute is not looked up at all: 429 with Retry-After, even for a real key.
        var (_, real) = await fixture.CreateApiKeyAsync(PlatformRoles.LabourOffice, "1203", TimeSpan.FromDays(1));
        using var sixth = new HttpRequestMessage(HttpMethod.Get, "api/v1/catalogue/strategies");
        sixth.Headers.Add("x-api-key", real);
        using var stopped = await client.SendAsync(sixth);
        Assert.Equal(HttpStatusCode.TooManyRequests, stopped.StatusCode);
        Assert.NotNull(stopped.Headers.RetryAfter);
        // Reading as the public stays open: only presented credentials are held back.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/v1/catalogue/strategies")).StatusCode);
        // Made-up prefixes never pile up in memory: the cache is bounded (and off in this fixture).
        Assert.Equal(0, gateway.Services.GetRequiredService<ApiKeyStore>().CachedPrefixes);
    }

    [Theory]
    [InlineData("api_key")]
    [InlineData("x-api-key")]
    [InlineData("access_token")]
    public async Task A_credential_in_the_address_is_refused_naming_the_parameter(string name)
    {
        var (_, key) = await fixture.CreateApiKeyAsync(PlatformRoles.LabourOffice, "1203", TimeSpan.FromDays(1));
        using var client = fixture.Gateway.CreateHttpClient();
        using var response = await client.GetAsync($"api/v1/catalogue/strategies?{name}={Uri.EscapeDataString(key)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("nagłówku", problem.GetProperty("errors").GetProperty(name)[0].GetString());
        Assert.DoesNotContain(key, problem.ToString());
    }

    [Fact]
    public async Task An_anonymous_write_is_refused_before_its_body_is_read()
    {
        // 9 MiB that are not JSON: read, it was a 400 about the JSON; now it is refused for who sends it, unread.
        using var client = fixture.Gateway.CreateHttpClient();
        var junk = new byte[9 * 1024 * 1024];
        Array.Fill(junk, (byte)'{');
        using var content = new ByteArrayContent(junk);
        content.Headers.ContentType = new("application/json");
        using var response = await client.PostAsync("api/v1/catalogue/strategies/import", content);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Zaloguj się", await Detail(response));

        // With credentials the same endpoint reads the body and says what is wrong with it.
        using var signedIn = fixture.Gateway.CreateHttpClient();
        signedIn.DefaultRequestHeaders.Authorization = new("Bearer", fixture.PersonToken(PlatformRoles.Coordinator, "1203"));
        using var small = new StringContent("{", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await signedIn.PostAsync("api/v1/catalogue/strategies/import", small)).StatusCode);
    }

    private static async Task<string> Detail(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString() ?? "";
}
