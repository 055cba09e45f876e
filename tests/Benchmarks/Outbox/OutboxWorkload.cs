using Npgsql;
using NpgsqlTypes;
using Platform.Contracts.Events.Zones.V1;
using Platform.Messaging.Outbox;

namespace Benchmarks.Outbox;

/// <summary>
/// The events every path publishes: plots of many zones changing state, interleaved as the zones service
/// writes them (aggregate = zone), built once so each path sends the very same messages.
/// </summary>
public sealed class OutboxWorkload
{
    public const string ExchangeNamespace = "Platform.Contracts.Events.Zones.V1";
    public const string ExchangeType = nameof(PlotStateChanged);

    public IReadOnlyList<OutboxMessage> Rows { get; }
    public IReadOnlyList<PlotStateChanged> Messages { get; }

    public OutboxWorkload(int events, int zones, int seed = 20)
    {
        var random = new Random(seed);
        var zoneIds = Enumerable.Range(0, zones).Select(_ => NewGuid(random)).ToArray();
        string[] states = ["available", "reserved", "sold"];
        var rows = new List<OutboxMessage>(events);
        var messages = new List<PlotStateChanged>(events);
        for (var i = 0; i < events; i++)
        {
            var zone = random.Next(zones);
            var state = random.Next(states.Length);
            var message = new PlotStateChanged(NewGuid(random), zoneIds[zone], $"12{zone % 100:00}05_2.{i % 1000:0000}.{i}",
                $"12{zone % 100:00}05{random.Next(1, 6)}", $"12{zone % 100:00}", Math.Round((decimal)random.NextDouble() * 40, 4),
                state == 0 ? null : states[state - 1], states[state], 2000 + zone % 25, i, DateTimeOffset.UtcNow);
            messages.Add(message);
            rows.Add(OutboxMessage.Create(zoneIds[zone].ToString(), message, Guid.NewGuid().ToString()));
        }
        Rows = rows;
        Messages = messages;
    }

    private static Guid NewGuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    /// <summary>Empties the outbox table and writes the workload's rows into it (COPY), then analyses it.</summary>
    public async Task SeedAsync(NpgsqlDataSource dataSource, int? count = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var truncate = new NpgsqlCommand("TRUNCATE outbox_messages", connection)) await truncate.ExecuteNonQueryAsync();
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY outbox_messages (message_id, aggregate_id, message_type, body, correlation_id, occurred_at, trace_parent) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in Rows.Take(count ?? Rows.Count))
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(row.MessageId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(row.AggregateId, NpgsqlDbType.Text);
                await writer.WriteAsync(row.MessageType, NpgsqlDbType.Text);
                await writer.WriteAsync(row.Body, NpgsqlDbType.Jsonb);
                await writer.WriteAsync(row.CorrelationId, NpgsqlDbType.Text);
                await writer.WriteAsync(row.OccurredAt, NpgsqlDbType.TimestampTz);
                // A request's traceparent, as rows written under a traced request carry.
                await writer.WriteAsync($"00-{row.MessageId:N}-{row.MessageId.ToString("N")[..16]}-01", NpgsqlDbType.Text);
            }
            await writer.CompleteAsync();
        }
        await using var analyze = new NpgsqlCommand("VACUUM ANALYZE outbox_messages", connection);
        await analyze.ExecuteNonQueryAsync();
    }
}
