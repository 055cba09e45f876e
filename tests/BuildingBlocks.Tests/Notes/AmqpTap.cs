using System.Collections.Concurrent;
using System.Text.Json;
using Platform.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace BuildingBlocks.Tests.Notes;

/// <summary>
/// A plain AMQP consumer on its own queue bound to the NoteWritten exchange: it sees each publication of
/// an event exactly once (auto-ack, nothing is redelivered), so a message id seen twice was published twice.
/// </summary>
public sealed class AmqpTap : IAsyncDisposable
{
    public const string Exchange = "BuildingBlocks.Tests.Notes:NoteWritten";

    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly ConcurrentDictionary<Guid, int> _deliveries = new();
    private readonly ConcurrentQueue<Guid> _arrivals = new();
    private long _total;

    private AmqpTap(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    /// <summary>Deliveries received, duplicates included.</summary>
    public long Total => Interlocked.Read(ref _total);
    public int Distinct => _deliveries.Count;
    public IReadOnlyDictionary<Guid, int> Deliveries => _deliveries;
    /// <summary>Message ids in the order the queue delivered them.</summary>
    public IReadOnlyList<Guid> Arrivals => [.. _arrivals];

    public static async Task<AmqpTap> StartAsync(TestVirtualHost virtualHost)
    {
        var factory = new ConnectionFactory
        {
            HostName = TestEnvironment.RabbitMqHost, Port = TestEnvironment.RabbitMqPort, VirtualHost = virtualHost.Name,
            UserName = TestEnvironment.RabbitMqUser, Password = TestEnvironment.RabbitMqPassword,
        };
        var connection = await factory.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var tap = new AmqpTap(connection, channel);
        // Declared as MassTransit declares it (fanout, durable), so the bus's own declaration agrees.
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        var queue = (await channel.QueueDeclareAsync()).QueueName;
        await channel.QueueBindAsync(queue, Exchange, "");
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            var id = MessageId(delivery);
            _ = tap._deliveries.AddOrUpdate(id, 1, (_, n) => n + 1);
            tap._arrivals.Enqueue(id);
            Interlocked.Increment(ref tap._total);
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
        return tap;
    }

    /// <summary>MassTransit's message id: the AMQP property, else the envelope's.</summary>
    private static Guid MessageId(BasicDeliverEventArgs delivery)
    {
        if (Guid.TryParse(delivery.BasicProperties.MessageId, out var id)) return id;
        using var envelope = JsonDocument.Parse(delivery.Body);
        return envelope.RootElement.GetProperty("messageId").GetGuid();
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
