using System.Diagnostics.Metrics;
using BuildingBlocks.Tests.Notes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Messaging;
using Platform.Messaging.Outbox;
using Platform.Testing;

namespace BuildingBlocks.Tests;

[Collection(MessagingMetricsCollection.Name)]
public sealed class OutboxInboxTests(NotesFixture fixture) : IClassFixture<NotesFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_committed_change_is_published_once_and_handled_once()
    {
        var noteId = await fixture.WriteNoteAsync("Trzebinia SAG registered");

        await Eventually.AssertAsync(async () => await fixture.HandledCountAsync(noteId) > 0, Timeout, "the event to be handled");
        var outbox = Assert.Single(await fixture.OutboxRowsForAsync(noteId));
        Assert.NotNull(outbox.PublishedAt);
        await Task.Delay(500); // a second delivery, if any, would land by now
        Assert.Equal(1, await fixture.HandledCountAsync(noteId));
    }

    [Fact]
    public async Task A_rolled_back_change_publishes_nothing()
    {
        Guid rolledBack;
        await using (var scope = fixture.Host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotesDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var note = new Note { Id = Guid.NewGuid(), Text = "never committed" };
            rolledBack = note.Id;
            db.Notes.Add(note);
            db.AddIntegrationEvent(note.Id.ToString(), new NoteWritten(note.Id, note.Text, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }
        // The relay publishes in write order: once a later change is handled, the rolled-back one had its chance.
        var later = await fixture.WriteNoteAsync("committed after the rollback");
        await Eventually.AssertAsync(async () => await fixture.HandledCountAsync(later) == 1, Timeout, "the later event to be handled");

        Assert.Empty(await fixture.OutboxRowsForAsync(rolledBack));
        Assert.Equal(0, await fixture.HandledCountAsync(rolledBack));
    }

    [Fact]
    public async Task A_message_delivered_twice_is_handled_once()
    {
        var duplicates = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MessagingMetrics.MeterName && instrument.Name == "platform.inbox.duplicates") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref duplicates, value));
        listener.Start();

        var bus = fixture.Host.Services.GetRequiredService<IBus>();
        var noteId = Guid.NewGuid();
        var messageId = NewId.NextGuid();
        var message = new NoteWritten(noteId, "redelivered", DateTimeOffset.UtcNow);
        // The same message id twice: what a broker redelivery or a relay retry after a lost commit looks like.
        await bus.Publish(message, c => c.MessageId = messageId);
        await bus.Publish(message, c => c.MessageId = messageId);

        await Eventually.AssertAsync(async () => await fixture.HandledCountAsync(noteId) == 1 && Interlocked.Read(ref duplicates) >= 1,
            Timeout, "one handling and one recognised duplicate");
        Assert.Equal(1, await fixture.HandledCountAsync(noteId));
    }

    [Fact]
    public async Task A_failing_consumer_sends_the_message_to_the_error_queue_with_the_reason_and_others_keep_flowing()
    {
        var poison = await fixture.WriteNoteAsync(NoteWrittenConsumer.PoisonText);
        var healthy = await fixture.WriteNoteAsync("after the poison");

        await Eventually.AssertAsync(async () => await fixture.HandledCountAsync(healthy) == 1, Timeout, "the healthy event to be handled");
        IReadOnlyList<System.Text.Json.JsonElement> faulted = [];
        await Eventually.AssertAsync(async () =>
        {
            faulted = await fixture.VirtualHost.GetMessagesAsync(NotesFixture.ConsumerQueue + "_error");
            return faulted.Count > 0;
        }, Timeout, "the poison message in the error queue");

        var headers = faulted[0].GetProperty("properties").GetProperty("headers");
        Assert.Contains("poison note refused", headers.GetProperty("MT-Fault-Message").GetString());
        Assert.Contains(poison.ToString(), faulted[0].GetProperty("payload").GetString());
        Assert.Equal(0, await fixture.HandledCountAsync(poison));
    }
}
