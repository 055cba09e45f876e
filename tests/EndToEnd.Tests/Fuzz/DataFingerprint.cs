using EndToEnd.Tests.Harness;
using Npgsql;
using Platform.Testing;

namespace EndToEnd.Tests.Fuzz;

/// <summary>
/// What every service has stored: per table, the row count and an order-independent hash of the rows.
/// Messaging bookkeeping (outbox, inbox) and migration history are left out. Taken once the platform is
/// quiet (every outbox published, every queue drained), so only the fuzz run could change it.
/// </summary>
public static class DataFingerprint
{
    private static readonly string[] Databases = ["catalogue", "labour", "zones", "reporting", "gateway"];
    private static readonly HashSet<string> Ignored = ["outbox_messages", "inbox_messages", "schema_migrations", "spatial_ref_sys"];

    public static async Task<Dictionary<string, string>> TakeAsync(PlatformFixture platform)
    {
        var result = new Dictionary<string, string>();
        foreach (var database in Databases)
        {
            await using var connection = await platform.OpenDatabaseAsync(database);
            var tables = new List<string>();
            await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1", connection))
            await using (var reader = await list.ExecuteReaderAsync())
                while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
            foreach (var table in tables.Where(t => !Ignored.Contains(t)))
            {
                await using var command = new NpgsqlCommand(
                    $"SELECT count(*)::text || ':' || coalesce(sum(hashtextextended(t::text, 0)), 0)::text FROM \"{table}\" t", connection);
                result[$"{database}.{table}"] = (string)(await command.ExecuteScalarAsync())!;
            }
        }
        return result;
    }

    /// <summary>Waits until no service has an unpublished event and no queue holds a message, then takes the fingerprint.</summary>
    public static async Task<Dictionary<string, string>> TakeWhenQuietAsync(PlatformFixture platform)
    {
        using var management = TestVirtualHost.CreateManagementClient();
        Dictionary<string, string> last = [];
        await Eventually.AssertAsync(async () =>
        {
            foreach (var database in Databases.Where(d => d != "gateway"))
                if (await platform.ScalarAsync<long>(database, "SELECT count(*) FROM outbox_messages WHERE published_at IS NULL AND dead_at IS NULL") > 0) return false;
            var queues = System.Text.Json.JsonDocument.Parse(await management.GetStringAsync("api/queues/platform?columns=name,messages")).RootElement;
            if (queues.EnumerateArray().Any(q => !q.GetProperty("name").GetString()!.EndsWith("_error", StringComparison.Ordinal)
                    && q.TryGetProperty("messages", out var n) && n.GetInt64() > 0)) return false;
            var now = await TakeAsync(platform);
            var stable = now.Count == last.Count && now.All(kv => last.GetValueOrDefault(kv.Key) == kv.Value);
            last = now;
            return stable;
        }, TimeSpan.FromMinutes(3), "the platform to be quiet (outboxes published, queues drained, data stable)");
        return last;
    }

    public static void AssertUnchanged(Dictionary<string, string> before, Dictionary<string, string> after)
    {
        var changed = before.Keys.Union(after.Keys).Where(k => before.GetValueOrDefault(k) != after.GetValueOrDefault(k)).ToList();
        Assert.True(changed.Count == 0, "stored data changed: " + string.Join(", ", changed.Select(k => $"{k} {before.GetValueOrDefault(k)} → {after.GetValueOrDefault(k)}")));
    }
}
