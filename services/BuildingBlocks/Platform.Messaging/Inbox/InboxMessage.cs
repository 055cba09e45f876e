namespace Platform.Messaging.Inbox;

/// <summary>A message a consumer has handled; its key makes handling idempotent.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; set; }
    public string Consumer { get; set; } = "";
    public DateTimeOffset ProcessedAt { get; set; }
}
