using BuildingBlocks.Tests.Notes;
using Platform.Testing;

namespace BuildingBlocks.Tests;

/// <summary>
/// Two relays (two replicas of a service) on one outbox table and one broker relay a large backlog: every
/// row reaches the exchange exactly once, counted at the broker by a queue of its own.
/// </summary>
[Collection(MessagingMetricsCollection.Name)]
public sealed class OutboxRelayReplicaTests(TwoRelaysFixture fixture) : IClassFixture<TwoRelaysFixture>
{
    private const int Events = 100_000;

    [Fact]
    public async Task Two_relays_publish_100000_events_each_exactly_once()
    {
        await using var tap = await AmqpTap.StartAsync(fixture.VirtualHost);
        // A backlog of many aggregates, written in ten commits while both relays already run.
        for (var chunk = 0; chunk < 10; chunk++)
        {
            await fixture.ExecuteAsync("""
                INSERT INTO outbox_messages (message_id, aggregate_id, message_type, body, occurred_at)
                SELECT gen_random_uuid(), 'note-' || (g % 2000),  $1,
                       jsonb_build_object('noteId', gen_random_uuid(), 'text', 'bulk ' || g, 'occurredAt', now()), now()
                FROM generate_series($2::int, $3::int) g
                """, RelayFixture.NoteWrittenType, chunk * (Events / 10), (chunk + 1) * (Events / 10) - 1);
        }

        await Eventually.AssertAsync(async () => tap.Total >= Events && !await fixture.ScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM outbox_messages WHERE published_at IS NULL)"), TimeSpan.FromMinutes(3), "every row published and received");
        await Task.Delay(1500); // a second publication of any row would arrive by now

        Assert.Equal(Events, tap.Distinct);
        Assert.Equal(Events, tap.Total); // nothing doubled
        Assert.DoesNotContain(tap.Deliveries, d => d.Value != 1);
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE attempts > 0 OR dead_at IS NOT NULL"));
        // What arrived is exactly what the table holds.
        Assert.Equal((long)Events, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM outbox_messages WHERE message_id = ANY($1)", tap.Deliveries.Keys.ToArray()));
    }
}

/// <summary>A relay stopped in the middle of a backlog records what the broker confirmed, so nothing goes out twice.</summary>
[Collection(MessagingMetricsCollection.Name)]
public sealed class OutboxRelayShutdownTests(IdleRelayFixture fixture) : IClassFixture<IdleRelayFixture>
{
    private const int Events = 30_000;

    [Fact]
    public async Task A_relay_stopped_mid_backlog_marks_exactly_what_it_published_and_the_next_one_sends_the_rest_once()
    {
        await using var tap = await AmqpTap.StartAsync(fixture.VirtualHost);
        var stopped = await fixture.StartReplicaAsync();
        await fixture.ExecuteAsync("""
            INSERT INTO outbox_messages (message_id, aggregate_id, message_type, body, occurred_at)
            SELECT gen_random_uuid(), 'note-' || (g % 500), $1,
                   jsonb_build_object('noteId', gen_random_uuid(), 'text', 'bulk ' || g, 'occurredAt', now()), now()
            FROM generate_series(1, $2::int) g
            """, RelayFixture.NoteWrittenType, Events);

        await Eventually.AssertAsync(() => Task.FromResult(tap.Total >= 2000), TimeSpan.FromSeconds(60), "the relay under way");
        await stopped.DisposeAsync(); // a graceful stop, most likely in the middle of a batch
        await Task.Delay(1000); // anything still on its way has arrived
        var marked = await fixture.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE published_at IS NOT NULL");
        Assert.InRange(marked, 1, Events - 1);
        // Every row the broker took is marked, and no row is marked that it did not take.
        Assert.Equal(marked, tap.Total);
        Assert.Equal(marked, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM outbox_messages WHERE published_at IS NOT NULL AND message_id = ANY($1)", tap.Deliveries.Keys.ToArray()));

        await using var next = await fixture.StartReplicaAsync();
        await Eventually.AssertAsync(async () => tap.Total >= Events && !await fixture.ScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM outbox_messages WHERE published_at IS NULL)"), TimeSpan.FromSeconds(90), "the rest published");
        await Task.Delay(1000);
        Assert.Equal(Events, tap.Distinct);
        Assert.Equal(Events, tap.Total);
    }
}

/// <summary>
/// A row that cannot be published backs off and holds back the later rows of its aggregate only: other
/// aggregates go on, and once the row goes out, its aggregate follows in write order.
/// </summary>
[Collection(MessagingMetricsCollection.Name)]
public sealed class OutboxRelayOrderTests(RelayFixture fixture) : IClassFixture<RelayFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_failing_row_holds_back_its_own_aggregate_only_and_order_is_kept()
    {
        await using var tap = await AmqpTap.StartAsync(fixture.VirtualHost);
        var a = $"a-{Guid.NewGuid():N}";
        var b = $"b-{Guid.NewGuid():N}";
        // The second row of aggregate a has a body its type cannot be read from: its publish fails until it is repaired.
        var ids = await fixture.InsertAsync((a, RelayFixture.Body("a1")), (a, """{"noteId":"not a guid"}"""), (a, RelayFixture.Body("a3")),
            (b, RelayFixture.Body("b1")), (a, RelayFixture.Body("a4")), (b, RelayFixture.Body("b2")));
        var (a1, a2, a3, b1, a4, b2) = (ids[0], ids[1], ids[2], ids[3], ids[4], ids[5]);

        // The failed row is retried with back-off (twice at least), and meanwhile nothing behind it goes out.
        await Eventually.AssertAsync(async () => await fixture.ScalarAsync<int>("SELECT attempts FROM outbox_messages WHERE message_id = $1", a2) >= 2,
            Timeout, "the broken row to be tried and retried");
        await Eventually.AssertAsync(() => Task.FromResult(new[] { a1, b1, b2 }.All(tap.Deliveries.ContainsKey)), Timeout, "a1, b1 and b2 published");
        Assert.NotNull(await fixture.ScalarAsync<string>("SELECT last_error FROM outbox_messages WHERE message_id = $1", a2));
        Assert.True(await fixture.ScalarAsync<bool>("SELECT next_attempt_at IS NOT NULL FROM outbox_messages WHERE message_id = $1", a2));

        // A row of another aggregate written after the failure goes out past the backing-off one.
        var b3 = (await fixture.InsertAsync((b, RelayFixture.Body("b3"))))[0];
        await Eventually.AssertAsync(() => Task.FromResult(tap.Deliveries.ContainsKey(b3)), Timeout, "b3 published");
        Assert.DoesNotContain(a2, tap.Arrivals);
        Assert.DoesNotContain(a3, tap.Arrivals);
        Assert.DoesNotContain(a4, tap.Arrivals);
        Assert.Equal(3L, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM outbox_messages WHERE aggregate_id = $1 AND published_at IS NULL", a));

        // Repaired, the row goes out, and its aggregate after it, in write order, each once.
        await fixture.ExecuteAsync("UPDATE outbox_messages SET body = $2::jsonb WHERE message_id = $1", a2, RelayFixture.Body("a2"));
        await Eventually.AssertAsync(() => Task.FromResult(tap.Deliveries.ContainsKey(a4)), Timeout, "the rest of aggregate a published");
        await Task.Delay(500);
        var arrivals = tap.Arrivals;
        Assert.Equal([a1, a2, a3, a4], arrivals.Where(id => id == a1 || id == a2 || id == a3 || id == a4));
        Assert.Equal([b1, b2, b3], arrivals.Where(id => id == b1 || id == b2 || id == b3));
        Assert.Equal(7, tap.Total);
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE published_at IS NULL"));
    }
}
