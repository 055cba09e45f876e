using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Events.Catalogue.V1;
using Platform.Contracts.Events.Labour.V1;
using Platform.Contracts.Events.Zones.V1;
using Platform.Territory;
using Platform.Testing;
using Reporting.Api.Persistence;
using static Reporting.Tests.SourceServices;

namespace Reporting.Tests;

/// <summary>
/// A strategy of powiat krakowski — outside the demo county the read model once named — reported with every unit named
/// from the copy of the TERYT register: the owner's area, the indicator, the figures by gmina (not their town and rural
/// parts) and the zones by gmina, listing every gmina of the powiat.
/// </summary>
public sealed class RegisterNamesTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    private const string Powiat = "1206", Skawina = "1206113", SkawinaTown = "1206114", Liszki = "1206072";

    [Fact]
    public async Task A_final_evaluation_names_units_from_the_register()
    {
        var strategyId = Guid.NewGuid();
        var client = new ReportClient(fixture);
        var area = Guid.NewGuid();
        var direction = Guid.NewGuid();
        await client.PublishAsync(new StrategyPublished(strategyId, "krakowski-2020", "Strategia rozwoju powiatu krakowskiego", "powiat", [Powiat],
            "Powiat Krakowski", 2020, 2022, null, null, null, "adopted", null, 1, TestData.Imported));
        await client.PublishAsync(new StrategyTreeChanged(strategyId, "krakowski-2020", 1,
            [TestData.Node(area, null, "area", "1", "Obszar 1", 1, false), TestData.Node(direction, area, "direction", "1.1", "Kierunek 1.1 – strefy", 2, false)],
            TestData.Imported));
        await client.PublishAsync(new MonitoringEntryRecorded(Guid.NewGuid(), strategyId, direction, "1.1", 2020, 2022, 1, true, "continuous",
            "REALIZACJA CIĄGŁA", "Uzbrojenie terenów", null, [], [], "test", TestData.Imported, TestData.Imported));
        PublishedObservation Figure(string unit, string year, decimal value) => new("registered_unemployed", unit, year, "total", value, 1, "PUP w Krakowie");
        PublishedObservation[] figures =
            [Figure(Powiat, "2020", 5000), Figure(Powiat, "2022", 4200), Figure(Skawina, "2022", 900), Figure(SkawinaTown, "2022", 500), Figure(Liszki, "2022", 300)];
        await client.PublishAsync(new ObservationsPublished("krakowski-" + Guid.NewGuid(), "PUP w Krakowie", TestData.Imported, figures.Length, 0, 0,
            ["registered_unemployed"], [.. figures.Select(f => f.Unit).Distinct()], ["2020", "2022"], true, figures, TestData.Imported));
        await client.PublishAsync(new ZoneRegistered(Guid.NewGuid(), "Strefa Skawina Zachód", Skawina, Powiat, "sag", "operating", 20, 12, 20, 2021,
            null, false, null, 1, TestData.Imported));
        await Eventually.AssertAsync(async () =>
        {
            await using var scope = fixture.Host.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
            return await db.Strategies.AnyAsync(s => s.Id == strategyId && s.Version == 1) && await db.Entries.AnyAsync(e => e.StrategyId == strategyId)
                && await db.Observations.CountAsync(o => o.Unit.StartsWith(Powiat)) == figures.Length && await db.ZoneVersions.AnyAsync(z => z.GminaTeryt == Skawina);
        }, TimeSpan.FromSeconds(60), "the strategy, figures and zone of powiat krakowski in the read model");

        var html = await client.GenerateHtmlAsync(new { kind = "final-evaluation", strategyId, from = 2020, to = 2022 });

        Assert.Contains("właściciel: Powiat Krakowski (obszar: powiat krakowski).", html);
        Assert.Contains("Bezrobotni zarejestrowani (osoby) – powiat krakowski", html);
        const string byGmina = "Bezrobotni zarejestrowani (osoby) według gmin, 2022 r.";
        Assert.Equal("900", TableRow(html, byGmina, "Skawina")?[0]);
        Assert.Equal("300", TableRow(html, byGmina, "Liszki")?[0]);
        Assert.Null(TableRow(html, byGmina, "Skawina – miasto"));
        Assert.Null(TableRow(html, byGmina, SkawinaTown));

        // Every gmina of the powiat in the register, with or without a zone.
        Assert.Equal(["1", "20,0", "12,0", "1"], TableRow(html, "Strefy według gmin", "Skawina") ?? []);
        var gminy = TestRegister.FullUnits.Where(u => u is { Level: UnitLevels.Gmina, ParentCode: Powiat, IsCurrent: true }).ToList();
        Assert.Equal(17, gminy.Count);
        foreach (var g in gminy.Where(g => g.Code != Skawina))
            Assert.Equal(["0", "0,0", "0,0", "0"], TableRow(html, "Strefy według gmin", g.Name) ?? []);
        Assert.Equal("Skawina", TableRow(html, "Strefy inwestycyjne", "Strefa Skawina Zachód")?[0]);
    }
}
