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

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestEnvironment.PostgresAdminConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await command.ExecuteNonQueryAsync();
    }

    internal static string Sanitize(string value) =>
        new(value.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == '_').Take(16).ToArray());
}
