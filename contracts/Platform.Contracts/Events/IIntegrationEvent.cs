namespace Platform.Contracts.Events;

/// <summary>
/// An event one service publishes (through its outbox) for others. MassTransit routes by the
/// record's full type name, so every event is defined once, here, in a versioned namespace
/// (Platform.Contracts.Events.&lt;Service&gt;.V1) and never copied into a service. A breaking change
/// is a new record in a V2 namespace, published alongside V1 until its consumers move.
/// </summary>
public interface IIntegrationEvent
{
    /// <summary>When the change happened in the publishing service (UTC).</summary>
    DateTimeOffset OccurredAt { get; }
}
