using LabourMarket.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Persistence;
using Platform.Territory.Persistence;

namespace LabourMarket.Api.Persistence;

/// <summary>
/// The service's database as EF sees it: reference data and batches are read and written through it, the TERYT
/// register (this service owns it) through Platform.Territory's store;
/// observations are mapped for reads and the schema check, but batches are merged in SQL (binary COPY
/// into a staging table, then one set-based statement) — see <c>ObservationStore</c>.
/// </summary>
public sealed class LabourMarketDbContext(DbContextOptions<LabourMarketDbContext> options) : DbContext(options)
{
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<Observation> Observations => Set<Observation>();
    public DbSet<ObservationBatch> Batches => Set<ObservationBatch>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.AddTerritorialRegister();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LabourMarketDbContext).Assembly);
    }
}
