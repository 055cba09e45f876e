using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Events.Catalogue.V1;
using Platform.Testing;
using Reporting.Api.Persistence;

namespace Reporting.Tests;

/// <summary>
/// A differently shaped strategy (codes like 4.2.1, depth three, no strategic goals, yearly
/// entries): yearly and mid-term reports, the event path (a later change shows in the next
/// report without a restart), duplicates and stale versions, and request validation.
/// </summary>
public sealed class SecondStrategyTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>, IAsyncLifetime
{
    private static readonly Guid StrategyId = Guid.Parse("5a1e0000-0000-4000-8000-000000000002");
    private static readonly string[] Statuses = ["continuous", "completed", "partial", "in_progress", "not_realized"];
    private readonly ReportClient client = new(fixture);
    private static readonly List<MonitoringEntryRecorded> Entries = [];
    private static readonly List<StrategyNodeSnapshot> Nodes = [];

    public async Task InitializeAsync()
    {
        await using (var scope = fixture.Host.CreateScope())
            if (await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().Strategies.AnyAsync(s => s.Id == StrategyId)) return;
        lock (Nodes)
        {
            Nodes.Clear();
            Entries.Clear();
            var random = new Random(42);
            var order = 0;
            foreach (var area in new[] { "4", "5" })
            {
                var areaId = Guid.NewGuid();
                Nodes.Add(TestData.Node(areaId, null, "area", area, $"Obszar {area}: współpraca gmin – żłobki, ścieżki rowerowe", ++order, false));
                foreach (var goal in new[] { 1, 2 })
                {
                    var goalId = Guid.NewGuid();
                    Nodes.Add(TestData.Node(goalId, areaId, "operational_goal", $"{area}.{goal}", $"Cel {area}.{goal}", ++order, false));
                    for (var d = 1; d <= (goal == 2 ? 3 : 4); d++)
                    {
                        var id = Guid.NewGuid();
                        var code = $"{area}.{goal}.{d}";
                        Nodes.Add(TestData.Node(id, goalId, "direction", code, $"Kierunek {code} – rozwój usług", ++order, d == 1,
                            code == "4.2.1" ? [new IndicatorSnapshot("registered_unemployed", "1203", 2021, null, 2023, null)] : null));
                        foreach (var year in new[] { 2021, 2022, 2023 })
                        {
                            if (random.Next(4) == 0) continue; // some years without an entry
                            var status = Statuses[random.Next(Statuses.Length)];
                            Entries.Add(new MonitoringEntryRecorded(Guid.NewGuid(), StrategyId, id, code, year, year, 1, status != "not_realized", status,
                                status.ToUpperInvariant(), $"Zrobiono w {year}: zadanie {code}", $"Wnioski {code}", ["Gmina Babice"], [], "test", TestData.Imported, TestData.Imported));
                        }
                    }
                }
            }
        }
        await client.PublishAsync(new StrategyPublished(StrategyId, "blisko-krakowa", "Strategia „Blisko Krakowa” 2021–2030", "group", ["1203"],
            "Gminy Blisko Krakowa", 2021, 2030, null, null, null, "adopted", null, 1, TestData.Imported));
        await client.PublishAsync(new StrategyTreeChanged(StrategyId, "blisko-krakowa", 1, Nodes.ToArray(), TestData.Imported));
        foreach (var e in Entries) await client.PublishAsync(e);
        await client.PublishAsync(TestData.Labour());
        await Eventually.AssertAsync(async () =>
        {
            await using var scope = fixture.Host.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
            return await db.Entries.CountAsync(e => e.StrategyId == StrategyId) == Entries.Count && await db.Nodes.CountAsync() == Nodes.Count
                && await db.Observations.AnyAsync() && await db.Strategies.AnyAsync(s => s.Id == StrategyId && s.Version == 1);
        }, TimeSpan.FromSeconds(60), "the read model to hold the second strategy");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Yearly_report_lists_entries_and_directions_without_one()
    {
        var html = await client.GenerateHtmlAsync(new { kind = "yearly-monitoring", strategyId = StrategyId, year = 2022 });
        var directions = Nodes.Where(n => n.Kind == "direction").ToList();
        var with2022 = Entries.Where(e => e.YearFrom == 2022).Select(e => e.DirectionCode).ToHashSet();
        var missing = directions.Where(d => !with2022.Contains(d.Code)).ToList();
        Assert.Contains($"Bez wpisu z realizacji za rok 2022: {missing.Count} ", html);
        // One line per area with its codes, not one item per direction.
        foreach (var area in missing.GroupBy(d => d.Code.Split('.')[0]))
            Assert.Contains($"<li>Obszar {area.Key} ({area.Count()}): {string.Join(", ", area.Select(d => d.Code))}</li>", html);
        // One table row per direction, areas 4 and 5 as headings.
        Assert.Equal(directions.Count, Regex.Matches(html, "<tr><td>[45]\\.[12] Cel").Count);
        Assert.Contains("Obszar strategiczny 4:", html);
        Assert.Contains(Entries.First(e => e.YearFrom == 2022).Description!, html);
    }

    [Fact]
    public async Task Mid_term_evaluation_counts_the_latest_yearly_status_per_direction()
    {
        var job = await client.StartAsync(new { kind = "mid-term-evaluation", strategyId = StrategyId, from = 2021, to = 2023 });
        var id = job.GetProperty("id").GetString()!;
        await client.WaitAsync(id);
        var html = Encoding.UTF8.GetString(await client.ContentAsync(id, "html"));
        var latest = Entries.GroupBy(e => e.DirectionCode).Select(g => g.OrderByDescending(e => e.YearTo).First()).ToList();
        Assert.Contains("2 obszary strategiczne", html);
        Assert.Contains("0 celów strategicznych", html);
        Assert.Contains("4 cele operacyjne", html);
        Assert.Contains("14 kierunków interwencji", html);
        var labels = new Dictionary<string, string>
        {
            ["continuous"] = "realizacja ciągła", ["completed"] = "zrealizowany", ["partial"] = "realizacja częściowa",
            ["in_progress"] = "w trakcie realizacji", ["not_realized"] = "brak realizacji",
        };
        foreach (var g in latest.GroupBy(e => e.Status!)) Assert.Contains($"<tr><td>{labels[g.Key]}</td><td>{g.Count()}</td>", html);
        var noEntry = 14 - latest.Count;
        if (noEntry > 0) Assert.Contains($"<tr><td>brak wpisu</td><td>{noEntry}</td>", html);
        // The linked indicator is reported (2021 → 2023 from the labour data).
        Assert.Contains("W 2021 r.: 2\u00A0870; w 2023 r.: 2\u00A0339", html);

        var csv = Encoding.UTF8.GetString(await client.ContentAsync(id, "csv")).TrimStart('\uFEFF');
        Assert.Equal(15, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Count(l => Regex.IsMatch(l, "^(Obszar|[45]);")));
    }

    [Fact]
    public async Task A_change_recorded_after_a_report_shows_in_the_next_one()
    {
        var target = Entries.First(e => e.YearFrom == 2023 && e.Status != "abandoned");
        var before = await client.GenerateHtmlAsync(new { kind = "yearly-monitoring", strategyId = StrategyId, year = 2023 });
        Assert.DoesNotContain("Korekta po raporcie", before);

        var corrected = target with { Version = 2, Status = "abandoned", StatusText = "ZANIECHANY", Description = "Korekta po raporcie",
            RecordedAt = DateTimeOffset.UtcNow.AddSeconds(-1), OccurredAt = DateTimeOffset.UtcNow.AddSeconds(-1) };
        await client.PublishAsync(corrected);
        await Eventually.AssertAsync(async () =>
        {
            await using var scope = fixture.Host.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().Entries.AnyAsync(e => e.EntryId == target.EntryId && e.Version == 2);
        }, TimeSpan.FromSeconds(30), "the correction to reach the read model");
        // A stale version arriving late changes nothing.
        await client.PublishAsync(target);

        var after = await client.GenerateHtmlAsync(new { kind = "yearly-monitoring", strategyId = StrategyId, year = 2023 });
        Assert.Contains("Korekta po raporcie", after);
        Assert.Contains("zaniechany", after);
    }

    [Fact]
    public async Task A_figure_revised_after_the_cut_off_is_flagged_and_the_known_value_used()
    {
        var cutOff = DateTimeOffset.UtcNow.AddMinutes(-5);
        var revision = new Platform.Contracts.Events.Labour.V1.PublishedObservation("registered_unemployed", "1203", "2022", "total", 2400m, 2, "korekta PUP");
        await client.PublishAsync(new Platform.Contracts.Events.Labour.V1.ObservationsPublished("rev-" + Guid.NewGuid(), "pup", DateTimeOffset.UtcNow, 0, 1, 0,
            ["registered_unemployed"], ["1203"], ["2022"], true, [revision], DateTimeOffset.UtcNow));
        await Eventually.AssertAsync(async () =>
        {
            await using var scope = fixture.Host.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().Observations.AnyAsync(o => o.Revision == 2 && o.Unit == "1203");
        }, TimeSpan.FromSeconds(30), "the revision to reach the read model");

        var html = await client.GenerateHtmlAsync(new { kind = "mid-term-evaluation", strategyId = StrategyId, from = 2021, to = 2023, dataCutOff = cutOff });
        Assert.Contains("<tr><td>2022</td><td>2\u00A0486</td></tr>", html);
        Assert.Matches("data-rule=\"korekta-po-dacie-danych\">[^<]*registered_unemployed \\(powiat chrzanowski, 2022, total\\)[^<]*2\u00A0400", html);

        var now = await client.GenerateHtmlAsync(new { kind = "mid-term-evaluation", strategyId = StrategyId, from = 2021, to = 2023 });
        Assert.Contains("<tr><td>2022</td><td>2\u00A0400</td></tr>", now);
        Assert.DoesNotContain("korekta-po-dacie-danych", now);
    }

    [Fact]
    public async Task An_event_delivered_twice_changes_nothing()
    {
        var entry = Entries[0] with { EntryId = Guid.NewGuid(), Version = 1 };
        var messageId = Guid.NewGuid();
        await client.PublishAsync(entry, messageId);
        await client.PublishAsync(entry, messageId);
        // The same content under a new message id (a re-sent batch) changes nothing either.
        await client.PublishAsync(entry);
        var tree = new StrategyTreeChanged(StrategyId, "blisko-krakowa", 1, Nodes.Take(3).ToArray(), TestData.Imported); // stale tree version
        await client.PublishAsync(tree);

        await using var scope = fixture.Host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        await Eventually.AssertAsync(async () =>
            await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM inbox_messages WHERE message_id = {messageId}").SingleAsync() == 1
            && await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM inbox_messages WHERE consumer = 'StrategyTreeChangedConsumer'").SingleAsync() == 2,
            TimeSpan.FromSeconds(30), "the messages to be consumed");
        await Task.Delay(500);
        Assert.Equal(1, await db.Entries.CountAsync(e => e.EntryId == entry.EntryId));
        Assert.Equal(Nodes.Count, await db.Nodes.CountAsync(n => n.StrategyId == StrategyId));
    }

    [Fact]
    public async Task Invalid_requests_get_problem_details_naming_the_fields()
    {
        var response = await client.Http.PostAsJsonAsync("/api/v1/reports", new { kind = "weekly", strategyId = StrategyId });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"kind\"", body);

        response = await client.Http.PostAsJsonAsync("/api/v1/reports", new { kind = "final-evaluation", strategyId = StrategyId, from = 2025, to = 2040 });
        body = await response.Content.ReadAsStringAsync();
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"to\"", body);

        response = await client.Http.PostAsJsonAsync("/api/v1/reports", new { kind = "yearly-monitoring", strategyId = Guid.NewGuid(), year = 2022 });
        Assert.Contains("\"strategyId\"", await response.Content.ReadAsStringAsync());

        var list = await client.Http.GetStringAsync("/api/v1/reports?pageSize=5");
        Assert.Contains("\"total\"", list);
    }
}
