using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Messaging.Configuration;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Persistence;
using Platform.Testing;

namespace BuildingBlocks.Tests.Notes;

/// <summary>
/// The notes service with its outbox relay and no consumer of its own: the tests watch what the relay
/// publishes through an <see cref="AmqpTap"/>, and write outbox rows straight into the table.
/// </summary>
public class RelayFixture : ServiceFixture
{
    public static readonly string NoteWrittenType = OutboxMessage.MessageTypeName(typeof(NoteWritten));

    protected override string Name => "relay";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => RelaySettings("00:00:00.200");

    protected static IEnumerable<KeyValuePair<string, string?>> RelaySettings(string pollInterval) =>
    [
        new("Outbox:PollInterval", pollInterval),
        new("Outbox:MinBackoff", "00:00:00.300"),
        new("Outbox:MaxBackoff", "00:00:01"),
        new("Outbox:PublishTimeout", "00:00:05"),
    ];

    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.AddServiceDatabase<NotesDbContext>(typeof(NotesFixture).Assembly);
        builder.AddMessaging("relay");
    }

    protected override void Map(WebApplication app) => app.MapDefaultEndpoints();

    /// <summary>One more instance on the same database and virtual host, which the test stops itself.</summary>
    public Task<ServiceTestHost> StartReplicaAsync() =>
        ServiceTestHost.StartAsync(
            [new("ConnectionStrings:Database", Database.ConnectionString), .. TestIdentity.Settings, .. VirtualHost.Settings(),
                .. RelaySettings("00:00:00.200")],
            Configure, Map);

    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var dataSource = Database.CreateDataSource();
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters) command.Parameters.AddWithValue(parameter);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var dataSource = Database.CreateDataSource();
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters) command.Parameters.AddWithValue(parameter);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Inserts NoteWritten rows, in the given order (so in id order), and returns their message ids.</summary>
    public async Task<Guid[]> InsertAsync(params (string Aggregate, string Body)[] rows)
    {
        var ids = rows.Select(_ => Guid.NewGuid()).ToArray();
        await ExecuteAsync("""
            INSERT INTO outbox_messages (message_id, aggregate_id, message_type, body, occurred_at)
            SELECT m, a, $4, b::jsonb, now() FROM unnest($1::uuid[], $2::text[], $3::text[]) WITH ORDINALITY AS r(m, a, b, n) ORDER BY n
            """, ids, rows.Select(r => r.Aggregate).ToArray(), rows.Select(r => r.Body).ToArray(), NoteWrittenType);
        return ids;
    }

    public static string Body(string text) =>
        System.Text.Json.JsonSerializer.Serialize(new NoteWritten(Guid.NewGuid(), text, DateTimeOffset.UtcNow), System.Text.Json.JsonSerializerOptions.Web);
}

/// <summary>Two instances, so two relays, on one database and one virtual host.</summary>
public sealed class TwoRelaysFixture : RelayFixture
{
    protected override int ReplicaCount => 2;
}

/// <summary>The fixture's own relay looks at the table only at start-up: the replicas a test starts do the relaying.</summary>
public sealed class IdleRelayFixture : RelayFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => RelaySettings("01:00:00");
}
