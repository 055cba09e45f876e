using Npgsql;

namespace Platform.Testing;

/// <summary>A fresh PostgreSQL database (from the PostGIS template) for one test class, dropped afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public string Name { get; }
    public string ConnectionString { get; }

    private TestDatabase(string name)
    {
        Name = name;
        ConnectionString = TestEnvironment.ConnectionStringFor(name);
    }

    public static async Task<TestDatabase> CreateAsync(string prefix)
    {
        var name = $"t_{Sanitize(prefix)}_{Guid.NewGuid():N}"[..40];
        await using var admin = new NpgsqlConnection(TestEnvironment.PostgresAdminConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{TestEnvironment.PostgresTemplate}\"", admin);
        await command.ExecuteNonQueryAsync();
        return new TestDatabase(name);
    }

    public NpgsqlDataSource CreateDataSource() => NpgsqlDataSource.Create(ConnectionString);

    /// <summary>
    /// Drops the database. A superuser's backend (autovacuum) cannot be terminated by the test role, so
    /// the drop is retried briefly and then left to deploy/test.sh, which sweeps leftover test databases.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var admin = new NpgsqlConnection(TestEnvironment.PostgresAdminConnectionString);
                await admin.OpenAsync();
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                if (attempt == 5) return;
                await Task.Delay(500 * attempt);
            }
        }
    }

    internal static string Sanitize(string value) =>
        new(value.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == '_').Take(16).ToArray());
}
