using Catalogue.Api.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Platform.Testing;

namespace Catalogue.Tests;

public sealed class HostingTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    [Fact]
    public async Task Ef_model_matches_the_migrated_schema()
    {
        await using var scope = fixture.Host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogueDbContext>();
        await SchemaAssert.ModelMatchesDatabaseAsync(db, fixture.Database.ConnectionString);
    }

    [Fact]
    public Task Readiness_reports_database_and_broker_healthy() =>
        HealthAssert.ReadyAsync(fixture.Host, "database", "rabbitmq");
}
