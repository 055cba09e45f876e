using BuildingBlocks.Tests.Notes;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.Messaging.Configuration;
using Platform.ServiceDefaults.Persistence;
using Platform.Testing;

namespace BuildingBlocks.Tests;

public sealed class MigrationTests
{
    private static readonly MigrationSource[] Sources =
    [
        new("service", typeof(NotesFixture).Assembly),
        new("messaging", typeof(MessagingExtensions).Assembly),
    ];

    [Fact]
    public async Task Replicas_starting_together_apply_each_script_exactly_once()
    {
        await using var database = await TestDatabase.CreateAsync("migrations");
        await using var dataSource = database.CreateDataSource();

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            MigrationRunner.ApplyAsync(dataSource, Sources, NullLogger.Instance, CancellationToken.None)));

        var applied = runs.SelectMany(r => r).ToList();
        Assert.Equal(applied.Distinct().Count(), applied.Count);
        Assert.Contains("messaging/0001_outbox_inbox", applied);
        Assert.Contains("service/0001_notes", applied);
        Assert.Empty(await MigrationRunner.ApplyAsync(dataSource, Sources, NullLogger.Instance, CancellationToken.None));

        await using var command = dataSource.CreateCommand("SELECT count(*) FROM schema_migrations");
        Assert.Equal(applied.Count, Convert.ToInt32(await command.ExecuteScalarAsync()));
    }

    [Fact]
    public async Task The_EF_model_of_the_outbox_and_inbox_matches_their_migration()
    {
        await using var database = await TestDatabase.CreateAsync("schema");
        await using var dataSource = database.CreateDataSource();
        await MigrationRunner.ApplyAsync(dataSource, Sources, NullLogger.Instance, CancellationToken.None);

        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<NotesDbContext>();
        Microsoft.EntityFrameworkCore.NpgsqlDbContextOptionsBuilderExtensions.UseNpgsql(options, database.ConnectionString);
        await using var db = new NotesDbContext(options.Options);
        await SchemaAssert.ModelMatchesDatabaseAsync(db, database.ConnectionString);
    }
}
