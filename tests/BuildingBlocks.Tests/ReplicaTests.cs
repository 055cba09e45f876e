using System.Diagnostics.Metrics;
using BuildingBlocks.Tests.Notes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Messaging;
using Platform.Messaging.Outbox;
using Platform.Testing;

namespace BuildingBlocks.Tests;

/// <summary>
/// Two replicas of a service on the same database and broker, as Kubernetes runs them: the outbox relays
/// never publish a row twice (one relays at a time, under an advisory lock), the consumers compete for
/// the queue and share the work, and a message delivered to both at once is handled once.
/// </summary>
[Collection(MessagingMetricsCollection.Name)]
public sealed class ReplicaTests(TwoReplicasNotesFixture fixture) : IClassFixture<TwoReplicasNotesFixture>
{
    [Fact]
    public async Task Two_replicas_publish_every_event_once_and_share_the_consuming()
    {
        using var duplicates = new DuplicateCounter();
        // Both replicas write at once (ten at a time: a connection each), so both relays find work in the same table.
        var ids = new List<Guid>();
        for (var chunk = 0; chunk < 30; chunk++)
            ids.AddRange(await Task.WhenAll(Enumerable.Range(chunk * 10, 10).Select(i => fixture.WriteNoteAsync($"replica note {i}", fixture.Replicas[i % 2]))));

        await using var scope = fixture.Host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<NotesDbContext>();
        await Eventually.AssertAsync(async () => await db.HandledNotes.CountAsync(h => ids.Contains(h.NoteId)) >= ids.Count,
            TimeSpan.FromSeconds(60), "all 300 notes handled");
        await Task.Delay(500); // a second publication, if any, would be handled by now

        var handled = await db.HandledNotes.Where(h => ids.Contains(h.NoteId)).ToListAsync();
        Assert.Equal(ids.Count, handled.Count);
        Assert.Equal(ids.Count, handled.Select(h => h.NoteId).Distinct().Count());
        Assert.Equal(0, duplicates.Count); // no row was published twice, so the inbox never had to step in
        Assert.Equal(2, handled.Select(h => h.HandledBy).Distinct().Count()); // competing consumers: both replicas worked
        var keys = ids.Select(i => i.ToString()).ToList();
        Assert.All(await db.Set<OutboxMessage>().Where(m => keys.Contains(m.AggregateId)).ToListAsync(), m => Assert.NotNull(m.PublishedAt));
    }

    [Fact]
    public async Task A_message_delivered_to_both_replicas_at_once_is_handled_once()
    {
        var noteId = Guid.NewGuid();
        var messageId = NewId.NextGuid();
        var message = new NoteWritten(noteId, "delivered many times", DateTimeOffset.UtcNow);
        // The same message id again and again, from both replicas: what redeliveries after a crash look like.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            fixture.Replicas[i % 2].Services.GetRequiredService<IBus>().Publish(message, c => c.MessageId = messageId)));

        await Eventually.AssertAsync(async () => await fixture.HandledCountAsync(noteId) == 1, TimeSpan.FromSeconds(30), "the note handled");
        await Task.Delay(1000);
        Assert.Equal(1, await fixture.HandledCountAsync(noteId));
    }

    private sealed class DuplicateCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public DuplicateCounter()
        {
            _listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == MessagingMetrics.MeterName && instrument.Name == "platform.inbox.duplicates") l.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}

/// <summary>
/// The inbox-duplicate counter is process-wide: classes that count duplicates, or cause them on purpose,
/// must not run at the same time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class MessagingMetricsCollection
{
    public const string Name = "messaging metrics";
}
