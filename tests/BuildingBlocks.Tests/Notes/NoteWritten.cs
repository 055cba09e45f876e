namespace BuildingBlocks.Tests.Notes;

// MassTransit routes by full type name: event types must live in a namespace.
public sealed record NoteWritten(Guid NoteId, string Text, DateTimeOffset OccurredAt);
