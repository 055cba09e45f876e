using System.Net;
using System.Text.Json;
using Catalogue.Api.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Messaging.Outbox;
using Platform.Testing;

namespace Catalogue.Tests;

/// <summary>Monitoring entries: versions and history, optimistic concurrency, and the events each change publishes.</summary>
public sealed class MonitoringTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private async Task<(Guid Strategy, Guid Direction)> DirectionAsync(string code)
    {
        using var client = fixture.Client();
        var strategy = await Api.CreateStrategyAsync(client, code);
        var goal = await Api.CreateNodeAsync(client, strategy, null, "strategic_goal", "7", "Cel 7");
        var op = await Api.CreateNodeAsync(client, strategy, goal, "operational_goal", "7.2", "Cel 7.2");
        return (strategy, await Api.CreateNodeAsync(client, strategy, op, "direction", "7.2.3", "Kierunek 7.2.3", implementers: ["JST"]));
    }

    [Fact]
    public async Task A_correction_is_a_new_version_and_the_history_keeps_every_version()
    {
        var (strategy, direction) = await DirectionAsync("history-2030");
        using var client = fixture.Client();
        var first = await Api.RecordAsync(client, direction, 2022, "in_progress", conclusions: "Rozpoczęto prace");
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        var second = await Api.RecordAsync(client, direction, 2022, "completed", expectedVersion: 1, conclusions: "Zakończono");
        Assert.Equal(2, second.GetProperty("version").GetInt32());
        var otherYear = await Api.RecordAsync(client, direction, 2023, "continuous");
        Assert.Equal(1, otherYear.GetProperty("version").GetInt32());

        var history = await client.GetFromJsonAsync<JsonElement>($"{Api.Root}/directions/{direction}/entries", TestData.Web);
        var versions = history.EnumerateArray().Select(e => (e.GetProperty("yearFrom").GetInt32(), e.GetProperty("version").GetInt32(),
            e.GetProperty("status").GetString(), e.GetProperty("conclusions").GetString())).ToList();
        Assert.Equal([(2022, 1, "in_progress", "Rozpoczęto prace"), (2022, 2, "completed", "Zakończono"), (2023, 1, "continuous", null)], versions);
        Assert.All(history.EnumerateArray(), e => Assert.Equal("koordynator@powiat.pl", e.GetProperty("recordedBy").GetString()));
        Assert.Equal(2, (await client.GetFromJsonAsync<JsonElement>($"{Api.Root}/directions/{direction}/entries?year=2022", TestData.Web)).GetArrayLength());

        // Lists show the current version for the year; the older one stays only in the history.
        var listed = await client.GetFromJsonAsync<JsonElement>($"{Api.Root}/strategies/{strategy}/directions?year=2022", TestData.Web);
        var current = listed.GetProperty("items")[0].GetProperty("entry");
        Assert.Equal((2, "completed"), (current.GetProperty("version").GetInt32(), current.GetProperty("status").GetString()));
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>($"{Api.Root}/strategies/{strategy}/directions?year=2022&status=in_progress", TestData.Web))
            .GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_database_refuses_to_overwrite_or_delete_an_entry()
    {
        var (_, direction) = await DirectionAsync("append-only-2030");
        using var client = fixture.Client();
        await Api.RecordAsync(client, direction, 2022, "partial");
        await using var source = fixture.Database.CreateDataSource();
        foreach (var sql in (string[])["UPDATE monitoring_entries SET status = 'completed'", "DELETE FROM monitoring_entries"])
        {
            await using var command = source.CreateCommand(sql);
            var ex = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", ex.MessageText);
        }
    }

    [Fact]
    public async Task A_stale_expected_version_is_refused_with_409_and_the_current_version_and_writes_nothing()
    {
        var (strategy, direction) = await DirectionAsync("conflict-2030");
        using var client = fixture.Client();
        await Api.RecordAsync(client, direction, 2022, "partial");
        await Api.RecordAsync(client, direction, 2022, "completed", expectedVersion: 1);
        var before = await CountsAsync();

        var (status, problem) = await client.SendAsync(HttpMethod.Post, $"{Api.Root}/directions/{direction}/entries",
            new { year = 2022, status = "abandoned", recordedBy = "ktoś", expectedVersion = 1 });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal(2, problem.GetProperty("currentVersion").GetInt32());
        Assert.Equal(409, problem.GetProperty("status").GetInt32());
        Assert.Equal(before, await CountsAsync());

        // Two writers with the same expected version at once: exactly one wins.
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(async i =>
        {
            using var c = fixture.Client();
            return (await c.SendAsync(HttpMethod.Post, $"{Api.Root}/directions/{direction}/entries",
                new { year = 2023, status = "continuous", recordedBy = $"writer {i}", expectedVersion = 0 })).Status;
        }));
        Assert.Single(results, s => s == HttpStatusCode.Created);
        Assert.Equal(3, results.Count(s => s == HttpStatusCode.Conflict));

        // A stale node edit is refused the same way.
        var nodes = await client.GetFromJsonAsync<JsonElement>($"{Api.Root}/strategies/{strategy}", TestData.Web);
        var (nodeStatus, nodeProblem) = await client.SendAsync(HttpMethod.Put, $"{Api.Root}/nodes/{direction}",
            new { title = "Nowy tytuł", expectedVersion = 7 });
        Assert.Equal(HttpStatusCode.Conflict, nodeStatus);
        Assert.Equal(1, nodeProblem.GetProperty("currentVersion").GetInt32());
        var (ok, updated) = await client.SendAsync(HttpMethod.Put, $"{Api.Root}/nodes/{direction}",
            new { title = "Nowy tytuł", implementers = new[] { "JST", "NGO" }, expectedVersion = 1 });
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(2, updated.GetProperty("version").GetInt32());
        // …and a stale strategy edit.
        var header = new { name = "X", owner = new { kind = "gmina", units = new[] { "1203043" }, name = "Gmina Libiąż" }, periodFrom = 2021, periodTo = 2030, expectedVersion = 1 };
        var (strategyStatus, strategyProblem) = await client.SendAsync(HttpMethod.Put, $"{Api.Root}/strategies/{strategy}", header);
        Assert.Equal(HttpStatusCode.Conflict, strategyStatus);
        Assert.Equal(nodes.GetProperty("version").GetInt32() + 1, strategyProblem.GetProperty("currentVersion").GetInt32());
    }

    [Fact]
    public async Task Each_change_publishes_its_event_once_with_what_a_consumer_needs()
    {
        var (strategy, direction) = await DirectionAsync("events-2030");
        using var client = fixture.Client();
        var entry = await Api.RecordAsync(client, direction, 2024, "partial", conclusions: "Połowa zadań");

        IReadOnlyList<PublishedEvent> events = [];
        await Eventually.AssertAsync(async () =>
        {
            events = await fixture.EventsForAsync(strategy);
            return events.Any(e => e.Type == "MonitoringEntryRecorded");
        }, Timeout, "the entry's event");
        await Task.Delay(700); // a duplicate, if any, would have landed by now
        events = await fixture.EventsForAsync(strategy);

        Assert.Single(events, e => e.Type == "StrategyPublished");
        var trees = events.Where(e => e.Type == "StrategyTreeChanged").ToList();
        Assert.Equal(3, trees.Count); // one per node created
        Assert.Equal([2, 3, 4], trees.Select(t => t.Message.GetProperty("version").GetInt32()));
        Assert.Equal(3, trees[^1].Message.GetProperty("nodes").GetArrayLength()); // the whole tree, each time
        var recorded = Assert.Single(events, e => e.Type == "MonitoringEntryRecorded").Message;
        Assert.Equal(entry.GetProperty("id").GetGuid(), recorded.GetProperty("entryId").GetGuid());
        Assert.Equal("7.2.3", recorded.GetProperty("directionCode").GetString());
        Assert.Equal("partial", recorded.GetProperty("status").GetString());
        Assert.Equal("Połowa zadań", recorded.GetProperty("conclusions").GetString());
        Assert.Equal(2024, recorded.GetProperty("yearFrom").GetInt32());
        Assert.Equal("koordynator@powiat.pl", recorded.GetProperty("recordedBy").GetString());
    }

    [Fact]
    public async Task A_refused_or_rolled_back_change_publishes_nothing()
    {
        var (strategy, direction) = await DirectionAsync("refused-2030");
        using var client = fixture.Client();
        var outboxBefore = await CountsAsync();

        // Refused: a year outside the strategy's period, and a stale version.
        var (bad, _) = await client.SendAsync(HttpMethod.Post, $"{Api.Root}/directions/{direction}/entries",
            new { year = 2040, status = "completed", recordedBy = "x", expectedVersion = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        var (stale, _) = await client.SendAsync(HttpMethod.Post, $"{Api.Root}/directions/{direction}/entries",
            new { year = 2022, status = "completed", recordedBy = "x", expectedVersion = 5 });
        Assert.Equal(HttpStatusCode.Conflict, stale);

        // Rolled back: the change and its event in one transaction that never commits.
        await using (var scope = fixture.Host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CatalogueDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            var commands = scope.ServiceProvider.GetRequiredService<Catalogue.Api.Application.MonitoringCommands>();
            await commands.RecordEntryAsync(direction, new Catalogue.Api.Application.RecordEntry(2022, null, null, true, "completed", null,
                null, "wycofane", null, null, "x", 0), CancellationToken.None);
            await tx.RollbackAsync();
        }
        Assert.Equal(outboxBefore, await CountsAsync());

        // A later committed change goes out; the relay publishes in order, so the others had their chance.
        await Api.RecordAsync(client, direction, 2023, "continuous");
        await Eventually.AssertAsync(async () => (await fixture.EventsForAsync(strategy)).Any(e => e.Type == "MonitoringEntryRecorded"),
            Timeout, "the committed entry's event");
        await Task.Delay(500);
        var recorded = (await fixture.EventsForAsync(strategy)).Where(e => e.Type == "MonitoringEntryRecorded").ToList();
        Assert.Equal([2023], recorded.Select(e => e.Message.GetProperty("yearFrom").GetInt32()));
    }

    [Fact]
    public async Task A_coordinator_withdraws_an_entry_recorded_by_mistake_and_the_period_has_no_entry_again()
    {
        var (strategy, direction) = await DirectionAsync("withdraw-2030");
        using var client = fixture.Client();
        var mistake = await Api.RecordAsync(client, direction, 2023, "completed", conclusions: "Pomyłka: nie ten kierunek");
        Assert.Equal(0, await TotalAsync(client, $"strategies/{strategy}/missing-entries?year=2023"));
        Assert.Equal(1, await TotalAsync(client, $"strategies/{strategy}/directions?year=2023&status=reported"));
        Assert.Equal([(2023, 2023, 1)], await EntryPeriodsAsync(client, strategy));

        // Refused and nothing written: no version given, a stale version, a coordinator of another powiat, anonymous.
        var before = await CountsAsync();
        var url = $"{Api.Root}/directions/{direction}/entries?year=2023";
        var (noVersion, problem) = await client.SendAsync(HttpMethod.Delete, url, null);
        Assert.Equal(HttpStatusCode.BadRequest, noVersion);
        Assert.True(problem.GetProperty("errors").TryGetProperty("expectedVersion", out _));
        var (stale, conflict) = await client.SendAsync(HttpMethod.Delete, url + "&expectedVersion=2", null);
        Assert.Equal(HttpStatusCode.Conflict, stale);
        Assert.Equal(1, conflict.GetProperty("currentVersion").GetInt32());
        using (var other = fixture.Host.CreateHttpClient().As(Platform.ServiceDefaults.Identity.PlatformRoles.Coordinator, "1206", "koordynator@krakowski.pl"))
            Assert.Equal(HttpStatusCode.Forbidden, (await other.SendAsync(HttpMethod.Delete, url + "&expectedVersion=1", null)).Status);
        using (var anonymous = fixture.AnonymousClient())
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(HttpMethod.Delete, url + "&expectedVersion=1", null)).Status);
        Assert.Equal(before, await CountsAsync());

        var (ok, withdrawal) = await client.SendAsync(HttpMethod.Delete, url + "&expectedVersion=1", null);
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.True(withdrawal.GetProperty("withdrawn").GetBoolean());
        Assert.Equal(2, withdrawal.GetProperty("version").GetInt32());
        Assert.Equal(JsonValueKind.Null, withdrawal.GetProperty("status").ValueKind);

        // The period has no entry again, everywhere: missing list, status filters, roll-up, periods with entries, list entry.
        Assert.Equal(1, await TotalAsync(client, $"strategies/{strategy}/missing-entries?year=2023"));
        Assert.Equal(0, await TotalAsync(client, $"strategies/{strategy}/directions?year=2023&status=reported"));
        Assert.Equal(0, await TotalAsync(client, $"strategies/{strategy}/directions?year=2023&status=completed"));
        Assert.Equal(1, await TotalAsync(client, $"strategies/{strategy}/directions?year=2023&status=missing"));
        Assert.Equal(0, await TotalAsync(client, $"strategies/{strategy}/directions?status=unmapped"));
        Assert.Empty(await EntryPeriodsAsync(client, strategy));
        var detail = await client.GetFromJsonAsync<JsonElement>($"{Api.Root}/strategies/{strategy}?year=2023", TestData.Web);
        var rollUp = detail.GetProperty("tree")[0].GetProperty("progress");
        Assert.Equal((0, 1), (rollUp.GetProperty("reported").GetInt32(), rollUp.GetProperty("missing").GetInt32()));
        var listed = await client.GetFromJsonAsync<JsonElement>($"{Api.Root}/strategies/{strategy}/directions", TestData.Web);
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("items")[0].GetProperty("entry").ValueKind);
        // The history keeps what was recorded and who withdrew it; withdrawing again finds nothing to withdraw.
        var history = await client.GetFromJsonAsync<JsonElement>($"{Api.Root}/directions/{direction}/entries", TestData.Web);
        Assert.Equal([(1, false, "Pomyłka: nie ten kierunek"), (2, true, null)], history.EnumerateArray()
            .Select(e => (e.GetProperty("version").GetInt32(), e.GetProperty("withdrawn").GetBoolean(), e.GetProperty("conclusions").GetString())).ToList());
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Delete, url + "&expectedVersion=2", null)).Status);

        // Reporting hears of it: the withdrawal is an event like any version.
        await Eventually.AssertAsync(async () => (await fixture.EventsForAsync(strategy))
            .Any(e => e.Type == "MonitoringEntryRecorded" && e.Message.GetProperty("withdrawn").GetBoolean()), Timeout, "the withdrawal's event");

        // A new entry for the period is version 3, in force again.
        var again = await Api.RecordAsync(client, direction, 2023, "partial", expectedVersion: 2);
        Assert.Equal(3, again.GetProperty("version").GetInt32());
        Assert.Equal([(2023, 2023, 1)], await EntryPeriodsAsync(client, strategy));
        Assert.Equal(1, await TotalAsync(client, $"strategies/{strategy}/directions?year=2023&status=partial"));
    }

    [Fact]
    public async Task The_strategy_list_names_the_periods_with_entries_latest_first_with_their_coverage()
    {
        using var client = fixture.Client();
        var strategy = await Api.CreateStrategyAsync(client, "periods-2030");
        var goal = await Api.CreateNodeAsync(client, strategy, null, "strategic_goal", "1", "Cel 1");
        var op = await Api.CreateNodeAsync(client, strategy, goal, "operational_goal", "1.1", "Cel 1.1");
        var a = await Api.CreateNodeAsync(client, strategy, op, "direction", "1.1.1", "Kierunek A");
        var b = await Api.CreateNodeAsync(client, strategy, op, "direction", "1.1.2", "Kierunek B");
        await Api.RecordAsync(client, a, 2022, "continuous");
        await Api.RecordAsync(client, a, 2022, "completed", expectedVersion: 1); // a second version: still one direction
        await Api.RecordAsync(client, b, 2022, "partial");
        await Api.RecordAsync(client, a, 2024, "in_progress");
        foreach (var d in (Guid[])[a, b])
            Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, $"{Api.Root}/directions/{d}/entries",
                new { yearFrom = 2021, yearTo = 2024, status = "continuous", recordedBy = "x", expectedVersion = 0 })).Status);

        // 2021–2024 and 2024 end in the same year: the better covered first; then 2022.
        Assert.Equal([(2021, 2024, 2), (2024, 2024, 1), (2022, 2022, 2)], await EntryPeriodsAsync(client, strategy));
        Assert.Equal(1, await TotalAsync(client, $"strategies/{strategy}/directions?year=2024&status=missing"));
        Assert.Equal(2, await TotalAsync(client, $"strategies/{strategy}/directions?year=2022&status=reported"));
        var (bad, problem) = await client.SendAsync(HttpMethod.Get, $"{Api.Root}/strategies/{strategy}/directions?status=zrobione", null);
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Contains("missing", problem.GetProperty("errors").GetProperty("status")[0].GetString());
    }

    private static async Task<int> TotalAsync(HttpClient client, string path) =>
        (await client.GetFromJsonAsync<JsonElement>($"{Api.Root}/{path}", TestData.Web)).GetProperty("total").GetInt32();

    private static async Task<List<(int, int, int)>> EntryPeriodsAsync(HttpClient client, Guid strategy)
    {
        var list = await client.GetFromJsonAsync<JsonElement>($"{Api.Root}/strategies?pageSize=200", TestData.Web);
        var item = list.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("id").GetGuid() == strategy);
        return item.GetProperty("entryPeriods").EnumerateArray()
            .Select(p => (p.GetProperty("yearFrom").GetInt32(), p.GetProperty("yearTo").GetInt32(), p.GetProperty("directions").GetInt32())).ToList();
    }

    private async Task<(int Entries, int Outbox)> CountsAsync()
    {
        await using var scope = fixture.Host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogueDbContext>();
        return (await db.Entries.CountAsync(), await db.Set<OutboxMessage>().CountAsync());
    }
}
