using Catalogue.Api.Application;
using Catalogue.Api.Domain;
using Catalogue.Api.Import;
using Catalogue.Api.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
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

    [Fact]
    public async Task Demo_data_is_imported_at_start_up_once()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection([new("DemoData:Import", "true")]).Build();
        var importer = new DemoDataImporter(fixture.Host.Services.GetRequiredService<IServiceScopeFactory>(), settings, NullLogger<DemoDataImporter>.Instance);
        await importer.StartAsync(CancellationToken.None);
        await importer.StartAsync(CancellationToken.None); // a restart: already there, not imported again

        await using var scope = fixture.Host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogueDbContext>();
        var code = StrategyCodes.FromName(TestData.ChrzanowDocument().GetProperty("strategy").GetProperty("name").GetString()!, 2015, 2023);
        var strategy = await db.Strategies.SingleAsync(s => s.Code == code);
        Assert.Equal(TestData.ChrzanowDocument().GetProperty("directions").GetArrayLength(),
            await db.Nodes.CountAsync(n => n.StrategyId == strategy.Id && n.Kind == NodeKind.Direction));
    }
}
