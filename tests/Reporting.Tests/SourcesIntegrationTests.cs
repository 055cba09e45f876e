using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Events.Catalogue.V1;
using Grpc.Core;
using Platform.ServiceDefaults.Grpc;
using Platform.ServiceDefaults.Identity;
using Platform.Testing;
using Reporting.Api.Persistence;
using static Reporting.Tests.SourceServices;
using Proto = Platform.Contracts.Reporting.V1;

namespace Reporting.Tests;

/// <summary>
/// With the real labour-market and zones services: a batch too large for its event reaches the read model
/// through a gRPC fetch, a sold plot shows in the zones section, a lost read model comes back from all three
/// services with the same report, and only an administrator may rebuild.
/// </summary>
public sealed class SourcesIntegrationTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    private readonly ReportClient client = new(fixture);

    [Fact]
    public async Task A_batch_too_large_for_its_event_is_fetched_over_grpc_and_matches_labour_row_for_row()
    {
        // 6 000 new figures, then 5 500 of them revised: both events come without values (more than 5 000).
        var keys = (from indicator in new[] { "registered_unemployed", "long_term_unemployed", "inflow", "outflow" }
                    from unit in Units
                    from year in Enumerable.Range(2015, 9)
                    from month in Enumerable.Range(1, 12)
                    select (indicator, unit, period: $"{year}-{month:00}")).Take(6000).ToList();
        var first = await SubmitAsync(fixture, "duza-paczka-1", keys.Select((k, i) => Row(k.indicator, k.unit, k.period, (i * 7919) % 5000)));
        Assert.Equal(6000, first.Accepted);
        var second = await SubmitAsync(fixture, "duza-paczka-2", keys.Take(5500).Select((k, i) => Row(k.indicator, k.unit, k.period, (i * 7919) % 5000 + 1)));
        Assert.Equal(5500, second.Revised);

        foreach (var (batch, count) in new[] { ("duza-paczka-1", 6000), ("duza-paczka-2", 5500) })
        {
            await Eventually.AssertAsync(async () => await ReportingCountAsync(fixture, batch) == count, TimeSpan.FromSeconds(120),
                $"the {count} figures of {batch} to reach the read model");
            var labour = await LabourFiguresAsync(fixture, batch);
            Assert.Equal(count, labour.Count);
            Assert.Equal(labour, await ReportingFiguresAsync(fixture, batch));
        }
        // The revision is there as a revision: the newer value under revision 2, the first one kept.
        var revised = (await ReportingFiguresAsync(fixture, "duza-paczka-2"))[0];
        Assert.Equal(2, revised.Revision);
    }

    [Fact]
    public async Task A_sold_plot_changes_the_zones_section()
    {
        var strategyId = await PublishStrategyAsync("Strategia Libiąża", ["1203043"]);
        var zone = await RegisterZoneAsync(fixture, "Strefa Działkowa Libiąż", "1203043", 19.32, 50.10, 12, 8);
        var plot = await AddPlotAsync(fixture, zone, "101/7", 3.7m, "available");
        await WaitForAsync(db => db.PlotVersions.AnyAsync(p => p.PlotId == plot), "the new plot to arrive through PlotStateChanged");

        var before = await FinalEvaluationAsync(strategyId, 2020, 2030);
        Assert.Equal(["1", "3,7", "0,0", "0,0", "0,0"], TableRow(before, "Działki w strefach według gmin", "Libiąż") ?? []);

        await SetPlotStateAsync(fixture, zone, plot, "101/7", 3.7m, "sold");
        await WaitForAsync(db => db.PlotVersions.AnyAsync(p => p.PlotId == plot && p.State == "sold"), "the sale to arrive through PlotStateChanged");

        var after = await FinalEvaluationAsync(strategyId, 2020, 2030);
        Assert.Equal(["1", "0,0", "0,0", "3,7", "3,7"], TableRow(after, "Działki w strefach według gmin", "Libiąż") ?? []);
        Assert.Contains("sprzedano 3,7", Section(after, "Strefy inwestycyjne").Replace('\u00A0', ' '));
    }

    [Fact]
    public async Task After_a_lost_read_model_a_rebuild_from_all_three_services_gives_the_same_report()
    {
        // The catalogue: the Chrzanów strategy; labour: its yearly figures with a revision; zones: two zones registered in
        // 2018, one of them changed twice inside the period, and a plot reserved and then sold inside the period.
        var strategyId = await ImportChrzanowAsync(fixture);

        int[] yearly = [4851, 4420, 3900, 3410, 3050, 3380, 3010, 2600, 2339];
        await SubmitAsync(fixture, "rebuild-roczne", yearly.Select((v, i) => Row("registered_unemployed", "1203", (2015 + i).ToString(), v))
            .Concat([Row("registered_unemployed", "1203", "2023", 1300, "sex:female"), Row("registered_unemployed", "1203", "2023", 1039, "sex:male")])
            .Concat(new[] { ("1203013", 150), ("1203022", 160), ("1203033", 980), ("1203043", 420), ("1203053", 629) }
                .Select(g => Row("registered_unemployed", g.Item1, "2023", g.Item2))));
        await SubmitAsync(fixture, "rebuild-korekta", [Row("registered_unemployed", "1203", "2019", 3055)]);
        Guid trzebinia, plot;
        try
        {
            fixture.ZonesClock.Now = new DateTimeOffset(2018, 4, 10, 9, 0, 0, TimeSpan.Zero);
            trzebinia = await RegisterZoneAsync(fixture, "Strefa Odbudowy Trzebinia", "1203053", 19.47, 50.16, 20, 14.5);
            await RegisterZoneAsync(fixture, "Strefa Odbudowy Chrzanów", "1203033", 19.40, 50.13, 9.25, 2);
            plot = await AddPlotAsync(fixture, trzebinia, "55/1", 2.5m, "available");
            fixture.ZonesClock.Now = new DateTimeOffset(2020, 9, 1, 9, 0, 0, TimeSpan.Zero);
            await ChangeZoneAsync(fixture, trzebinia, "Strefa Odbudowy Trzebinia", "1203053", 19.47, 50.16, 26, 18.5);
            await SetPlotStateAsync(fixture, trzebinia, plot, "55/1", 2.5m, "reserved");
            fixture.ZonesClock.Now = new DateTimeOffset(2022, 3, 15, 9, 0, 0, TimeSpan.Zero);
            await ChangeZoneAsync(fixture, trzebinia, "Strefa Odbudowy Trzebinia", "1203053", 19.47, 50.16, 26, 12);
            await SetPlotStateAsync(fixture, trzebinia, plot, "55/1", 2.5m, "sold");
        }
        finally { fixture.ZonesClock.Now = null; }

        await WaitForAsync(async db =>
            await db.Nodes.CountAsync(n => n.StrategyId == strategyId && n.Kind == "direction") == 92
            && await db.Entries.Where(e => e.StrategyId == strategyId).Select(e => e.DirectionId).Distinct().CountAsync() == 92
            && await db.Observations.CountAsync(o => o.BatchId == "rebuild-roczne" || o.BatchId == "rebuild-korekta") == 17
            && await db.ZoneVersions.CountAsync(z => z.Name.StartsWith("Strefa Odbudowy")) == 4
            && await db.PlotVersions.AnyAsync(p => p.PlotId == plot && p.State == "sold"), "everything to arrive through events");
        var before = await FinalEvaluationAsync(strategyId, 2015, 2023);
        Assert.Contains("<td>2019</td><td>3\u00A0055</td>", Section(before, "Wskaźniki")); // the revision, not 3 050
        Assert.Equal(["1", "26,0", "12,0", "1"], TableRow(before, "Strefy według gmin", "Trzebinia") ?? []);
        // Both changes are inside 2015–2023, and the sale too: what a rebuild from current states alone would lose.
        Assert.Equal(["Strefa Odbudowy Trzebinia", "Trzebinia", "+6,0", "+4,0"], TableRow(before, "Zmiany powierzchni stref", "01.09.2020") ?? []);
        Assert.Equal(["Strefa Odbudowy Trzebinia", "Trzebinia", "0,0", "−6,5"], TableRow(before, "Zmiany powierzchni stref", "15.03.2022") ?? []);
        Assert.Equal(["1", "0,0", "0,0", "2,5", "2,5"], TableRow(before, "Działki w strefach według gmin", "Trzebinia") ?? []);

        await WipeReadModelAsync();
        using var response = await client.Http.PostAsync("/api/v1/reports/read-model/rebuild", null);
        var result = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, result);
        var counts = JsonDocument.Parse(result).RootElement;
        Assert.True(counts.GetProperty("catalogue").GetProperty("strategies").GetInt32() >= 1, result);
        Assert.True(counts.GetProperty("labour").GetProperty("added").GetInt64() >= 17, result);
        Assert.True(counts.GetProperty("zones").GetProperty("zones").GetInt32() >= 2, result);
        Assert.True(counts.GetProperty("zones").GetProperty("zoneVersionsAdded").GetInt32() >= 4, result);

        // Row for row what labour holds, and the same indicator and zone sections.
        foreach (var batch in new[] { "rebuild-roczne", "rebuild-korekta" })
            Assert.Equal(await LabourFiguresAsync(fixture, batch), await ReportingFiguresAsync(fixture, batch));
        var after = await FinalEvaluationAsync(strategyId, 2015, 2023);
        Assert.Equal(Section(before, "Wskaźniki"), Section(after, "Wskaźniki"));
        Assert.Equal(Section(before, "Strefy inwestycyjne"), Section(after, "Strefy inwestycyjne"));
        Assert.Contains("4 obszary strategiczne, dla których sformułowano 4 cele strategiczne, 12 celów operacyjnych oraz 92 kierunki interwencji", after);

        // Again: nothing new (idempotent).
        using var again = await client.Http.PostAsync("/api/v1/reports/read-model/rebuild?sources=labour,zones", null);
        var second = JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(0, second.GetProperty("labour").GetProperty("added").GetInt64());
        Assert.Equal(0, second.GetProperty("zones").GetProperty("zoneVersionsAdded").GetInt32());
        Assert.Equal(0, second.GetProperty("zones").GetProperty("plotVersionsAdded").GetInt32());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("catalogue").ValueKind);
    }

    [Fact]
    public async Task A_rebuild_by_anyone_but_an_administrator_is_refused_and_writes_nothing()
    {
        await SubmitAsync(fixture, "tylko-admin", [Row("inflow", "1203022", "2022", 77)]);
        await WaitForAsync(db => db.Observations.AnyAsync(o => o.BatchId == "tylko-admin"), "the figure to arrive through its event");
        await WipeReadModelAsync();

        using var analyst = fixture.Host.CreateHttpClient().As(PlatformRoles.Analyst, "1203");
        using var refused = await analyst.PostAsync("/api/v1/reports/read-model/rebuild", null);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var anonymous = fixture.Host.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/reports/read-model/rebuild?sources=labour", null)).StatusCode);
        var reporting = new Proto.ReportingService.ReportingServiceClient(fixture.Host.Channel);
        var denied = await Assert.ThrowsAsync<RpcException>(() => reporting.RebuildReadModelAsync(new Proto.RebuildReadModelRequest(),
            TestIdentity.Headers(PlatformRoles.Analyst, "1203"), DateTime.UtcNow.AddSeconds(30)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Equal(0, await ReadModelRowsAsync());

        // An unknown source is named; an administrator's rebuild over gRPC does restore the figure.
        var admin = TestIdentity.Headers(PlatformRoles.Admin, "");
        var invalid = await Assert.ThrowsAsync<RpcException>(() => reporting.RebuildReadModelAsync(
            new Proto.RebuildReadModelRequest { Sources = { "labour", "gus" } }, admin, DateTime.UtcNow.AddSeconds(60)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Contains(invalid.FieldViolations(), v => v.Field == "sources");
        Assert.Equal(0, await ReadModelRowsAsync());
        var done = await reporting.RebuildReadModelAsync(new Proto.RebuildReadModelRequest { Sources = { "labour" } }, admin, DateTime.UtcNow.AddSeconds(60));
        Assert.Null(done.Zones);
        Assert.True(done.Labour.Added >= 1);
        Assert.Single(await ReportingFiguresAsync(fixture, "tylko-admin"));
    }

    private async Task<Guid> PublishStrategyAsync(string name, string[] units)
    {
        var strategyId = Guid.NewGuid();
        var area = Guid.NewGuid();
        await client.PublishAsync(new StrategyPublished(strategyId, "strefy-" + strategyId.ToString("N")[..6], name, "gmina", units, name,
            2020, 2030, null, null, null, "adopted", null, 1, TestData.Imported));
        await client.PublishAsync(new StrategyTreeChanged(strategyId, "strefy", 1,
            [TestData.Node(area, null, "area", "1", "Obszar 1", 1, false), TestData.Node(Guid.NewGuid(), area, "direction", "1.1", "Kierunek 1.1", 2, false)],
            TestData.Imported));
        await WaitForAsync(async db => await db.Strategies.AnyAsync(s => s.Id == strategyId && s.Version == 1)
            && await db.Nodes.CountAsync(n => n.StrategyId == strategyId) == 2, "the strategy to arrive");
        return strategyId;
    }

    private async Task<string> FinalEvaluationAsync(Guid strategyId, int from, int to) =>
        await client.GenerateHtmlAsync(new { kind = "final-evaluation", strategyId, from, to });

    private async Task WaitForAsync(Func<ReportingDbContext, Task<bool>> condition, string what) =>
        await Eventually.AssertAsync(async () =>
        {
            await using var scope = fixture.Host.CreateScope();
            return await condition(scope.ServiceProvider.GetRequiredService<ReportingDbContext>());
        }, TimeSpan.FromSeconds(60), what);

    /// <summary>The read model is lost: every row that came from the three services goes.</summary>
    private async Task WipeReadModelAsync()
    {
        await using var scope = fixture.Host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        await db.Database.ExecuteSqlRawAsync("TRUNCATE rm_observations, rm_zone_versions, rm_plot_versions, rm_entries, rm_nodes, rm_strategies");
    }

    private async Task<long> ReadModelRowsAsync()
    {
        await using var scope = fixture.Host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        // Labour and zones only: every event of theirs has arrived before the wipe (the tests wait for them).
        return await db.Observations.LongCountAsync() + await db.ZoneVersions.LongCountAsync() + await db.PlotVersions.LongCountAsync();
    }
}
