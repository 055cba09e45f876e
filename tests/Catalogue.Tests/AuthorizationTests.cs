using System.Net;
using Platform.Contracts.Catalogue.V1;
using Platform.Grpc;
using Platform.Grpc.Client;
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
        var channel = GrpcChannel.ForAddress(fixture.Host.GrpcAddress);
        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync<ImportStrategyRequest, ImportReport>(
            CatalogueReflection.Descriptor.Services[0].FindMethodByName("ImportStrategy"),
            new ImportStrategyRequest { Json = TestData.ChrzanowJson() }, new CallOptions().WithTimeout(TimeSpan.FromSeconds(30))));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }
}
