using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Persistence;

namespace Reporting.Api.Persistence;

public sealed class ReportingDbContext(DbContextOptions<ReportingDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddMessagingTables();
}
