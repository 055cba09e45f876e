using System.Text.Json;
using Catalogue.Api.Domain;
using Catalogue.Api.Import;
using Catalogue.Api.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Testing;

namespace Catalogue.Tests;

public sealed class ImportTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Chrzanow_import_gives_the_tree_and_the_realization_table_as_written()
    {
        using var client = fixture.Client();
        var json = TestData.ChrzanowDocument();
        var report = await TestData.ImportChrzanowAsync(client);

        // Counts computed from the file itself, not constants.
        var areas = json.GetProperty("areas").GetArrayLength();
        var strategicGoals = json.GetProperty("areas").EnumerateArray().Count(a => a.TryGetProperty("strategic_goal", out _));
        var operationalGoals = json.GetProperty("operational_goals").GetArrayLength();
        var directions = json.GetProperty("directions").EnumerateArray().ToList();
        var counts = report.GetProperty("nodeCounts");
        Assert.Equal(areas, counts.GetProperty("area").GetInt32());
        Assert.Equal(strategicGoals, counts.GetProperty("strategic_goal").GetInt32());
        Assert.Equal(operationalGoals, counts.GetProperty("operational_goal").GetInt32());
        Assert.Equal(directions.Count, counts.GetProperty("direction").GetInt32());
        Assert.Equal(directions.Count, report.GetProperty("entriesRecorded").GetInt32());
        Assert.True(report.GetProperty("created").GetBoolean());
        // …which are the document's 4 / 4 / 12 / 92.
        Assert.Equal((4, 4, 12, 92), (areas, strategicGoals, operationalGoals, directions.Count));

        // The import report lists every value no rule maps, with the direction it came from, and nothing else.
        var unmapped = report.GetProperty("unmapped").EnumerateArray()
            .Select(u => (Code: u.GetProperty("directionCode").GetString(), Field: u.GetProperty("field").GetString(), Value: u.GetProperty("value").GetString()))
            .ToList();
        Assert.Contains(("I.4.6", "realization_mode", "Opracowane Studium Techniczno Ekonomiczno Środowiskowe"), unmapped);
        var expectedUnmapped = directions.Where(d => RealizationModeMapper.Map(d.GetProperty("realization_mode").GetString()) is null)
            .Select(d => d.GetProperty("code").GetString()).ToHashSet();
        Assert.Equal(expectedUnmapped, unmapped.Select(u => u.Code).ToHashSet());

        // The realization table, row by row, as written: realized, the original text, conclusions; mapped statuses.
        var strategyId = report.GetProperty("strategyId").GetGuid();
        var listed = await client.GetFromJsonAsync<JsonElement>(
            $"api/v1/catalogue/strategies/{strategyId}/directions?yearFrom=2015&yearTo=2023&pageSize=500", TestData.Web);
        var byCode = listed.GetProperty("items").EnumerateArray().ToDictionary(d => d.GetProperty("code").GetString()!);
        Assert.Equal(directions.Count, byCode.Count);
        foreach (var row in directions)
        {
            var code = row.GetProperty("code").GetString()!;
            var entry = byCode[code].GetProperty("entry");
            Assert.Equal(row.GetProperty("realization_mode").GetString(), entry.GetProperty("statusText").GetString());
            Assert.Equal(row.GetProperty("realized").GetString() == "TAK", entry.GetProperty("realized").GetBoolean());
            Assert.Equal(row.GetProperty("conclusions").GetString(), entry.GetProperty("conclusions").GetString());
            Assert.Equal(2015, entry.GetProperty("yearFrom").GetInt32());
            Assert.Equal(2023, entry.GetProperty("yearTo").GetInt32());
            var areaWide = row.GetProperty("title").GetString()!.Contains("projekt w ramach całego obszaru funkcjonalnego");
            Assert.Equal(areaWide, byCode[code].GetProperty("areaWide").GetBoolean());
        }
        Assert.Equal("continuous", byCode["I.2.3"].GetProperty("entry").GetProperty("status").GetString()); // "REALIZACJ A CIĄGŁA"
        Assert.Equal("partial", byCode["I.1.1"].GetProperty("entry").GetProperty("status").GetString());   // "CZĘŚCIOWO"
        Assert.Equal("partial", byCode["I.4.2"].GetProperty("entry").GetProperty("status").GetString());   // "… – przebudowy dróg"
        Assert.Equal("not_realized", byCode["I.2.4"].GetProperty("entry").GetProperty("status").GetString());
        Assert.Equal("in_progress", byCode["IV.1.1"].GetProperty("entry").GetProperty("status").GetString());
        Assert.Equal("completed", byCode["I.1.6"].GetProperty("entry").GetProperty("status").GetString()); // "TAK"
        // The table marks I.4.13 partial while the summary lists it as not realized: both are kept.
        Assert.Equal("partial", byCode["I.4.13"].GetProperty("entry").GetProperty("status").GetString());

        var strategy = await client.GetFromJsonAsync<JsonElement>($"api/v1/catalogue/strategies/{strategyId}", TestData.Web);
        var summary = strategy.GetProperty("evaluationSummary");
        Assert.Contains("I.4.13", summary.GetProperty("not_realized").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("powiat", strategy.GetProperty("owner").GetProperty("kind").GetString());
        Assert.Equal("1203", strategy.GetProperty("owner").GetProperty("units")[0].GetString());
        Assert.Equal(2015, strategy.GetProperty("periodFrom").GetInt32());
        Assert.Equal(areas, strategy.GetProperty("tree").GetArrayLength());
        var areaI = strategy.GetProperty("tree")[0];
        Assert.Equal(("area", "I"), (areaI.GetProperty("kind").GetString(), areaI.GetProperty("code").GetString()));
        var goalI = Assert.Single(areaI.GetProperty("children").EnumerateArray());
        Assert.Equal(("strategic_goal", "I"), (goalI.GetProperty("kind").GetString(), goalI.GetProperty("code").GetString()));
        Assert.Equal("I.1", goalI.GetProperty("children")[0].GetProperty("code").GetString());

        // Events: one StrategyPublished, one StrategyTreeChanged with the whole tree, one MonitoringEntryRecorded per row.
        IReadOnlyList<PublishedEvent> events = [];
        await Eventually.AssertAsync(async () =>
        {
            events = await fixture.EventsForAsync(strategyId);
            return events.Count(e => e.Type == "MonitoringEntryRecorded") >= directions.Count;
        }, Timeout, "the import's events");
        await Task.Delay(500);
        events = await fixture.EventsForAsync(strategyId);
        Assert.Single(events, e => e.Type == "StrategyPublished");
        var tree = Assert.Single(events, e => e.Type == "StrategyTreeChanged");
        Assert.Equal(areas + strategicGoals + operationalGoals + directions.Count, tree.Message.GetProperty("nodes").GetArrayLength());
        Assert.Equal(directions.Count, events.Count(e => e.Type == "MonitoringEntryRecorded"));
        Assert.Equal(events.Count, events.Select(e => e.MessageId).Distinct().Count());

        // Re-importing the same file changes nothing: no duplicate nodes, no new versions, no events.
        var again = await TestData.ImportChrzanowAsync(client);
        Assert.False(again.GetProperty("created").GetBoolean());
        Assert.Equal(strategyId, again.GetProperty("strategyId").GetGuid());
        Assert.Equal(0, again.GetProperty("nodesCreated").GetInt32());
        Assert.Equal(0, again.GetProperty("nodesUpdated").GetInt32());
        Assert.Equal(0, again.GetProperty("entriesRecorded").GetInt32());
        Assert.Equal(directions.Count, again.GetProperty("entriesUnchanged").GetInt32());
        await using var scope = fixture.Host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogueDbContext>();
        Assert.Equal(directions.Count, await db.Nodes.CountAsync(n => n.StrategyId == strategyId && n.Kind == NodeKind.Direction));
        Assert.Equal(directions.Count, await db.Entries.CountAsync(e => e.StrategyId == strategyId));
        await Task.Delay(1000);
        Assert.Equal(events.Count, (await fixture.EventsForAsync(strategyId)).Count);
    }
}
