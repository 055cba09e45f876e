using MassTransit;
using Microsoft.Extensions.Logging;
using Platform.Messaging.Inbox;

namespace BuildingBlocks.Tests.Notes;

public sealed class NoteWrittenConsumer(NotesDbContext db, ReplicaName replica, ILogger<NoteWrittenConsumer> logger)
    : IdempotentConsumer<NoteWritten, NotesDbContext>(db, logger)
{
    public const string PoisonText = "poison";

    /// <summary>The trace each note was handled in (the tests run the hosts in their own process).</summary>
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, string> TraceIds = new();

    protected override Task HandleAsync(ConsumeContext<NoteWritten> context)
    {
        if (context.Message.Text == PoisonText) throw new InvalidOperationException("poison note refused by the consumer");
        TraceIds[context.Message.NoteId] = System.Diagnostics.Activity.Current?.TraceId.ToHexString() ?? "";
        Db.HandledNotes.Add(new HandledNote { NoteId = context.Message.NoteId, Text = context.Message.Text, HandledBy = replica.Value });
        return Task.CompletedTask;
    }
}

/// <summary>Tells the instances of the notes service apart when several share a database and a queue.</summary>
public sealed record ReplicaName(string Value);
