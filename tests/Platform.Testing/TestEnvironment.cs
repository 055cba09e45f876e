using Npgsql;

namespace Platform.Testing;

/// <summary>
/// Where the tests find PostgreSQL and RabbitMQ: environment variables that deploy/test.sh sets
/// (a machine with Docker can point them at containers instead).
/// </summary>
public static class TestEnvironment
{
    public static string PostgresAdminConnectionString => Require("PLATFORM_TEST_POSTGRES");
    public static string RabbitMqHost => Environment.GetEnvironmentVariable("PLATFORM_TEST_RABBITMQ_HOST") ?? "127.0.0.1";
    public static int RabbitMqPort => int.Parse(Environment.GetEnvironmentVariable("PLATFORM_TEST_RABBITMQ_PORT") ?? "5672");
    public static string RabbitMqUser => Require("PLATFORM_TEST_RABBITMQ_USER");
    public static string RabbitMqPassword => Require("PLATFORM_TEST_RABBITMQ_PASSWORD");
    public static Uri RabbitMqManagement => new(Environment.GetEnvironmentVariable("PLATFORM_TEST_RABBITMQ_MANAGEMENT") ?? "http://127.0.0.1:15672/");
    /// <summary>Template database with PostGIS installed (extensions need a superuser to create).</summary>
    public static string PostgresTemplate => Environment.GetEnvironmentVariable("PLATFORM_TEST_POSTGRES_TEMPLATE") ?? "platform_test_template";

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(PostgresAdminConnectionString) { Database = database }.ConnectionString;

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name)
        ?? throw new InvalidOperationException(
            $"{name} is not set. Run the tests through deploy/test.sh, which starts PostgreSQL and RabbitMQ and sets it.");
}
