using MassTransit;
using Microsoft.Extensions.Logging;
using Platform.Messaging.Inbox;

namespace BuildingBlocks.Tests.Notes;

public sealed class NoteWrittenConsumer(NotesDbContext db, ILogger<NoteWrittenConsumer> logger)
    : IdempotentConsumer<NoteWritten, NotesDbContext>(db, logger)
{
    public const string PoisonText = "poison";

    protected override Task HandleAsync(ConsumeContext<NoteWritten> context)
    {
        if (context.Message.Text == PoisonText) throw new InvalidOperationException("poison note refused by the consumer");
        Db.HandledNotes.Add(new HandledNote { NoteId = context.Message.NoteId, Text = context.Message.Text });
        return Task.CompletedTask;
    }
}
