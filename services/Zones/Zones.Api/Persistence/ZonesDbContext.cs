using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Persistence;

namespace Zones.Api.Persistence;

public sealed class ZonesDbContext(DbContextOptions<ZonesDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddMessagingTables();
}
