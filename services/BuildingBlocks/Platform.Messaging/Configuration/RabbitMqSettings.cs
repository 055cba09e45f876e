namespace Platform.Messaging.Configuration;

/// <summary>The "RabbitMq" configuration section (RabbitMq__Host, RabbitMq__Password… as environment variables).</summary>
public sealed class RabbitMqSettings
{
    public const string SectionName = "RabbitMq";
    public string Host { get; set; } = "127.0.0.1";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";
    /// <summary>Prefix of this service's queue names, so services never share a consumer queue.</summary>
    public string? QueuePrefix { get; set; }
    /// <summary>Redeliveries (exponential back-off) before a failing message goes to the error queue.</summary>
    public int RetryLimit { get; set; } = 5;
    /// <summary>Declare consumer queues as quorum queues (replicated; for a RabbitMQ cluster).</summary>
    public bool QuorumQueues { get; set; }
}
