using LabourMarket.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Persistence;

namespace LabourMarket.Api.Persistence;

/// <summary>
/// The service's database as EF sees it: reference data and batches are read and written through it;
/// observations are mapped for reads and the schema check, but batches are merged in SQL (binary COPY
/// into a staging table, then one set-based statement) — see <c>ObservationStore</c>.
/// </summary>
public sealed class LabourMarketDbContext(DbContextOptions<LabourMarketDbContext> options) : DbContext(options)
{
    public DbSet<TerritorialUnit> Units => Set<TerritorialUnit>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<Observation> Observations => Set<Observation>();
    public DbSet<ObservationBatch> Batches => Set<ObservationBatch>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LabourMarketDbContext).Assembly);
    }
}
