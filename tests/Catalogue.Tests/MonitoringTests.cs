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

    private async Task<(int Entries, int Outbox)> CountsAsync()
    {
        await using var scope = fixture.Host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogueDbContext>();
        return (await db.Entries.CountAsync(), await db.Set<OutboxMessage>().CountAsync());
    }
}
