using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Persistence;

namespace LabourMarket.Api.Persistence;

public sealed class LabourMarketDbContext(DbContextOptions<LabourMarketDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddMessagingTables();
}
