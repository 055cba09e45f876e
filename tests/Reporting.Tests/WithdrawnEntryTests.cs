using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Events.Catalogue.V1;
using Platform.Testing;
using Reporting.Api.Persistence;

namespace Reporting.Tests;

/// <summary>An entry the catalogue withdrew (a later version that says so) is not in a report; an entry recorded after it is.</summary>
public sealed class WithdrawnEntryTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    [Fact]
    public async Task A_withdrawn_entry_leaves_its_direction_without_an_entry_in_the_report()
    {
        var strategyId = Guid.NewGuid();
        var client = new ReportClient(fixture);
        var area = Guid.NewGuid();
        var kept = Guid.NewGuid();
        var withdrawn = Guid.NewGuid();
        await client.PublishAsync(new StrategyPublished(strategyId, "wycofane", "Strategia z wycofanym wpisem", "gmina", ["1203053"], "Gmina Trzebinia",
            2020, 2025, null, null, null, "adopted", null, 1, TestData.Imported));
        await client.PublishAsync(new StrategyTreeChanged(strategyId, "wycofane", 1,
            [TestData.Node(area, null, "area", "1", "Obszar 1", 1, false), TestData.Node(kept, area, "direction", "1.1", "Kierunek 1.1 – drogi", 2, false),
             TestData.Node(withdrawn, area, "direction", "1.2", "Kierunek 1.2 – szkoły", 3, false)], TestData.Imported));
        await client.PublishAsync(Entry(strategyId, kept, "1.1", 1, "continuous", "Remont drogi powiatowej"));
        await client.PublishAsync(Entry(strategyId, withdrawn, "1.2", 1, "completed", "Wpis omyłkowy – nie ten kierunek"));
        // The withdrawal arrives before the entry it withdraws would matter: order of arrival does not decide, the version does.
        await client.PublishAsync(Entry(strategyId, withdrawn, "1.2", 2, null, null, withdrawn: true));

        await Eventually.AssertAsync(async () =>
        {
            await using var scope = fixture.Host.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
            // The header too: events of one strategy may arrive in any order, and a report needs its period.
            return await db.Entries.CountAsync(e => e.StrategyId == strategyId) == 3 && await db.Nodes.CountAsync(n => n.StrategyId == strategyId) == 3
                && await db.Strategies.AnyAsync(s => s.Id == strategyId && s.Version > 0);
        }, TimeSpan.FromSeconds(30), "the header, the tree and the three versions to reach the read model");

        var job = await client.StartAsync(new { kind = "yearly-monitoring", strategyId, year = 2022 });
        var id = job.GetProperty("id").GetString()!;
        await client.WaitAsync(id);
        var html = System.Text.Encoding.UTF8.GetString(await client.ContentAsync(id, "html"));
        Assert.Contains("Remont drogi powiatowej", html);
        Assert.DoesNotContain("Wpis omyłkowy", html);
        // The direction counts as one without an entry (not as an entry with an unknown status).
        var csv = System.Text.Encoding.UTF8.GetString(await client.ContentAsync(id, "csv")).Split('\n');
        using (var download = await client.Http.GetAsync($"/api/v1/reports/{id}/content.pdf"))
            Assert.Equal("raport-roczny-gmina-trzebinia-2022.pdf", download.Content.Headers.ContentDisposition?.FileName);
        Assert.Contains("brak wpisu", Assert.Single(csv, l => l.Contains("Kierunek 1.2", StringComparison.Ordinal)));
        Assert.DoesNotContain("brak wpisu", Assert.Single(csv, l => l.Contains("Kierunek 1.1", StringComparison.Ordinal)));

        // A new entry after the withdrawal is in force again.
        await client.PublishAsync(Entry(strategyId, withdrawn, "1.2", 3, "partial", "Termomodernizacja szkoły – etap I"));
        await Eventually.AssertAsync(async () =>
        {
            await using var scope = fixture.Host.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().Entries.CountAsync(e => e.StrategyId == strategyId) == 4;
        }, TimeSpan.FromSeconds(30), "the new version to reach the read model");
        Assert.Contains("Termomodernizacja szkoły – etap I", await client.GenerateHtmlAsync(new { kind = "yearly-monitoring", strategyId, year = 2022 }));
    }

    private static MonitoringEntryRecorded Entry(Guid strategy, Guid direction, string code, int version, string? status, string? description, bool withdrawn = false) =>
        new(Guid.NewGuid(), strategy, direction, code, 2022, 2022, version, status is null ? null : true, status, null, description, null, [], [],
            "koordynator", TestData.Imported.AddMinutes(version), TestData.Imported.AddMinutes(version), withdrawn);
}
