using Catalogue.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Persistence;
using Platform.Territory.Persistence;

namespace Catalogue.Api.Persistence;

public sealed class CatalogueDbContext(DbContextOptions<CatalogueDbContext> options) : DbContext(options)
{
    public DbSet<Strategy> Strategies => Set<Strategy>();
    public DbSet<StrategyNode> Nodes => Set<StrategyNode>();
    public DbSet<MonitoringEntry> Entries => Set<MonitoringEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.AddTerritorialRegister(); // the copy of the TERYT register owners are checked against
        modelBuilder.ApplyConfiguration(new StrategyConfiguration());
        modelBuilder.ApplyConfiguration(new StrategyNodeConfiguration());
        modelBuilder.ApplyConfiguration(new MonitoringEntryConfiguration());
    }
}
