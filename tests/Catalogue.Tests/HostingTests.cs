using System.Net;
using Catalogue.Api.Application;
using Catalogue.Api.Domain;
using Catalogue.Api.Import;
using Catalogue.Api.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Platform.Territory;
using Platform.Territory.Persistence;
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
    public async Task Demo_data_waits_for_the_register_copy_then_is_imported_once()
    {
        var code = StrategyCodes.FromName(TestData.ChrzanowDocument().GetProperty("strategy").GetProperty("name").GetString()!, 2015, 2023);
        var cache = fixture.Host.Services.GetRequiredService<TerritoryRegisterCache>();
        try
        {
            // Labour has not published the register yet: the copy is empty.
            await using (var scope = fixture.Host.CreateScope())
                await scope.ServiceProvider.GetRequiredService<ITerritoryRegisterStore>().ReplaceAsync([], new RegisterVersion(0, null), default);
            cache.Invalidate();

            // A document naming its units by word is refused with a clear reason, nothing written.
            using var client = fixture.Client();
            using (var response = await client.PostAsync("api/v1/catalogue/strategies/import", TestData.Json(TestData.ChrzanowJson())))
            {
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                var reasons = (await response.ReadJsonAsync()).GetProperty("errors").GetProperty("strategy.territory");
                Assert.Contains("nie jest jeszcze wczytany", reasons[0].GetString());
            }

            // The demo import waits instead of failing…
            var settings = new ConfigurationBuilder().AddInMemoryCollection([new("DemoData:Import", "true")]).Build();
            var importer = new DemoDataImporter(fixture.Host.Services.GetRequiredService<IServiceScopeFactory>(), cache, settings, NullLogger<DemoDataImporter>.Instance);
            var waiting = importer.ImportAsync(CancellationToken.None);
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.False(waiting.IsCompleted);
            Assert.False(await StrategyExistsAsync(code));

            // …and imports as soon as the copy arrives.
            await TestRegister.LoadFullAsync(fixture.Host.Services);
            await waiting.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(await StrategyExistsAsync(code));
            await importer.ImportAsync(CancellationToken.None); // a restart: already there, not imported again

            await using var db = fixture.Host.CreateScope();
            var catalogue = db.ServiceProvider.GetRequiredService<CatalogueDbContext>();
            var strategy = await catalogue.Strategies.SingleAsync(s => s.Code == code);
            Assert.Equal(TestData.ChrzanowDocument().GetProperty("directions").GetArrayLength(),
                await catalogue.Nodes.CountAsync(n => n.StrategyId == strategy.Id && n.Kind == NodeKind.Direction));
            // The powiat and all five of its gminy named by word: the powiat's own strategy, named from the register.
            Assert.Equal("powiat", strategy.OwnerKind);
            Assert.Equal(["1203"], strategy.OwnerUnits);
            Assert.Equal("Powiat chrzanowski", strategy.OwnerName);
        }
        finally
        {
            await TestRegister.LoadFullAsync(fixture.Host.Services);
        }
    }

    [Fact]
    public async Task The_register_copy_follows_labours_events()
    {
        var cache = fixture.Host.Services.GetRequiredService<TerritoryRegisterCache>();
        try
        {
            // Labour publishes a newer version with a gmina the copy does not have yet (as after next year's TERC file).
            TerritorialUnit added = new("1206181", "Nowotestowa", UnitLevels.Gmina, UnitKinds.Rural, "1206", "gmina wiejska", new DateOnly(2025, 1, 1), null, []);
            await fixture.Host.Services.GetRequiredService<IBus>().Publish(
                RegisterMappers.ToEvent([.. TestRegister.FullUnits, added], new RegisterVersion(2, new DateOnly(2025, 1, 1)), DateTimeOffset.UtcNow));
            await Eventually.AssertAsync(async () => (await cache.GetAsync(default)).Exists(added.Code), TimeSpan.FromSeconds(30), "the copy replaced by version 2");

            // The new gmina is at once a valid owner, by name within its powiat.
            using var client = fixture.Client();
            using var response = await client.PostAsync("api/v1/catalogue/strategies/import", TestData.Json("""
                {"strategy": {"code": "nowotestowa-2030", "name": "Strategia gminy Nowotestowa", "period_from": 2025, "period_to": 2030,
                              "territory": {"powiat": "krakowski", "gminy": ["Gmina Nowotestowa"]}}}
                """));
            var report = await response.ReadJsonAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Created, report.ToString());
            await using var scope = fixture.Host.CreateScope();
            var strategy = await scope.ServiceProvider.GetRequiredService<CatalogueDbContext>().Strategies.SingleAsync(s => s.Code == "nowotestowa-2030");
            Assert.Equal(["1206181"], strategy.OwnerUnits);
        }
        finally
        {
            await TestRegister.LoadFullAsync(fixture.Host.Services);
        }
    }

    private async Task<bool> StrategyExistsAsync(string code)
    {
        await using var scope = fixture.Host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CatalogueDbContext>().Strategies.AnyAsync(s => s.Code == code);
    }
}
