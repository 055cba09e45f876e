using Reporting.Api.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Platform.Testing;

namespace Reporting.Tests;

public sealed class HostingTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    [Fact]
    public async Task Ef_model_matches_the_migrated_schema()
    {
        await using var scope = fixture.Host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        await SchemaAssert.ModelMatchesDatabaseAsync(db, fixture.Database.ConnectionString);
    }

    [Fact]
    public Task Readiness_reports_database_and_broker_healthy() =>
        HealthAssert.ReadyAsync(fixture.Host, "database", "rabbitmq");
}
