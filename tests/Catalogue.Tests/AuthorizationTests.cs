using System.Net;
using System.Security.Claims;
using Grpc.Core;
using Platform.Contracts.Catalogue.V1;
using Platform.ServiceDefaults.Identity;
using Platform.Testing;

namespace Catalogue.Tests;

/// <summary>Writes need a coordinator whose territory covers the strategy's owner; reads are public.</summary>
public sealed class AuthorizationTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    private static object NewStrategy(string code, string unit) => new
    {
        code, name = $"Strategia {code}", owner = new { kind = "gmina", units = new[] { unit }, name = "Gmina" }, periodFrom = 2021, periodTo = 2030,
    };

    [Fact]
    public async Task An_anonymous_write_is_401_and_writes_nothing()
    {
        var code = "ANON-" + Guid.NewGuid().ToString("N")[..6];
        using var client = fixture.AnonymousClient();
        var (status, _) = await client.SendAsync(HttpMethod.Post, "api/v1/catalogue/strategies", NewStrategy(code, "1203043"));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.DoesNotContain(code, await client.GetStringAsync("api/v1/catalogue/strategies?pageSize=200"));
    }

    [Fact]
    public async Task A_coordinator_of_another_territory_or_an_analyst_is_403_and_writes_nothing()
    {
        var code = "FOREIGN-" + Guid.NewGuid().ToString("N")[..6];
        using var krakow = fixture.Host.CreateHttpClient().As(PlatformRoles.Coordinator, "1261", "koordynator-krakow");
        Assert.Equal(HttpStatusCode.Forbidden, (await krakow.SendAsync(HttpMethod.Post, "api/v1/catalogue/strategies", NewStrategy(code, "1203043"))).Status);

        using var analyst = fixture.Host.CreateHttpClient().As(PlatformRoles.Analyst, "1203", "analityk");
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.SendAsync(HttpMethod.Post, "api/v1/catalogue/strategies", NewStrategy(code, "1203043"))).Status);

        using var reader = fixture.AnonymousClient();
        Assert.DoesNotContain(code, await reader.GetStringAsync("api/v1/catalogue/strategies?pageSize=200"));
    }

    [Fact]
    public async Task A_gmina_coordinator_records_for_their_gmina_and_is_recorded_as_the_author()
    {
        using var libiaz = fixture.Host.CreateHttpClient().As(PlatformRoles.Coordinator, "120304", "Koordynator Libiąż");
        var strategyId = await Api.CreateStrategyAsync(libiaz, "LIB-" + Guid.NewGuid().ToString("N")[..6]);
        var area = await Api.CreateNodeAsync(libiaz, strategyId, null, "area", "1", "Obszar");
        var direction = await Api.CreateNodeAsync(libiaz, strategyId, area, "direction", "1.1", "Kierunek");

        var entry = await Api.RecordAsync(libiaz, direction, 2024, "continuous");

        Assert.Equal("Koordynator Libiąż", entry.GetProperty("recordedBy").GetString());
    }

    [Fact]
    public async Task An_anonymous_gRPC_write_is_UNAUTHENTICATED()
    {
        var client = new CatalogueService.CatalogueServiceClient(fixture.Host.Channel);
        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.ImportStrategyAsync(
            new ImportStrategyRequest { Json = TestData.ChrzanowJson() }, deadline: DateTime.UtcNow.AddSeconds(30)));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal("Zaloguj się: bez zalogowania nie można importować strategii.", error.Status.Detail);
    }

    [Fact]
    public async Task A_forged_or_foreign_gRPC_caller_is_refused_in_Polish_and_writes_nothing()
    {
        var code = "GRPC-" + Guid.NewGuid().ToString("N")[..6];
        var client = new CatalogueService.CatalogueServiceClient(fixture.Host.Channel);
        var request = new CreateStrategyRequest
        {
            Code = code, Name = $"Strategia {code}", Owner = new Owner { Kind = "gmina", Units = { "1203043" }, Name = "Gmina" },
            PeriodFrom = 2021, PeriodTo = 2030,
        };
        async Task<RpcException> RefusedAsync(Metadata headers) =>
            await Assert.ThrowsAsync<RpcException>(async () => await client.CreateStrategyAsync(request, headers, DateTime.UtcNow.AddSeconds(30)));

        // Signed with a key the service does not hold: an attack, refused before any handler runs.
        var forgedToken = TestIdentity.Forger().Issue(
        [
            new Claim(PlatformClaims.Subject, "intruz"), new Claim(PlatformClaims.Role, PlatformRoles.Admin), new Claim(PlatformClaims.Territory, "12"),
        ]);
        var forged = await RefusedAsync(new Metadata { { InternalIdentityToken.HeaderName, forgedToken } });
        Assert.Equal(StatusCode.Unauthenticated, forged.StatusCode);
        Assert.Equal("Nagłówek tożsamości nie jest prawidłowo podpisany (sfałszowany lub wygasły).", forged.Status.Detail);

        var krakow = await RefusedAsync(TestIdentity.Headers(PlatformRoles.Coordinator, "1261", "koordynator-krakow"));
        Assert.Equal(StatusCode.PermissionDenied, krakow.StatusCode);
        Assert.Equal("Obszar 1261 nie obejmuje jednostki 1203043: nie można utworzyć strategii tego obszaru.", krakow.Status.Detail);

        var analyst = await RefusedAsync(TestIdentity.Headers(PlatformRoles.Analyst, "1203", "analityk"));
        Assert.Equal(StatusCode.PermissionDenied, analyst.StatusCode);
        Assert.Equal("Rola nie pozwala utworzyć strategii (wymagana: coordinator).", analyst.Status.Detail);

        var listed = await client.ListStrategiesAsync(new ListStrategiesRequest { PageSize = 200 }, deadline: DateTime.UtcNow.AddSeconds(30));
        Assert.DoesNotContain(listed.Items, s => s.Code == code);
    }
}
