using Zones.Api.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Platform.Testing;

namespace Zones.Tests;

public sealed class HostingTests(ZonesFixture fixture) : IClassFixture<ZonesFixture>
{
    [Fact]
    public async Task Ef_model_matches_the_migrated_schema()
    {
        await using var scope = fixture.Host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ZonesDbContext>();
        await SchemaAssert.ModelMatchesDatabaseAsync(db, fixture.Database.ConnectionString);
    }

    [Fact]
    public Task Readiness_reports_database_and_broker_healthy() =>
        HealthAssert.ReadyAsync(fixture.Host, "database", "rabbitmq");
}

public sealed class OpenApiTests(ZonesFixture fixture) : IClassFixture<ZonesFixture>
{
    [Fact]
    public async Task The_service_describes_its_rest_api()
    {
        using var client = fixture.AnonymousClient();
        var document = await TestData.GetJsonAsync(client, "openapi/v1.json");
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/zones", "/api/v1/zones/{id}", "/api/v1/zones/summary", "/api/v1/zones/reference-places", "/api/v1/zones/{id}/plots" })
            Assert.True(paths.TryGetProperty(path, out _), $"{path} missing from the OpenAPI document");
    }
}
