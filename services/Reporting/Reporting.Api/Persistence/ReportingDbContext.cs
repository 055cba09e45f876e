using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Persistence;
using Platform.Territory.Persistence;
using Reporting.Api.Application;
using Reporting.Api.ReadModel;

namespace Reporting.Api.Persistence;

public sealed class ReportingDbContext(DbContextOptions<ReportingDbContext> options) : DbContext(options)
{
    public DbSet<RmStrategy> Strategies => Set<RmStrategy>();
    public DbSet<RmNode> Nodes => Set<RmNode>();
    public DbSet<RmEntry> Entries => Set<RmEntry>();
    public DbSet<RmObservation> Observations => Set<RmObservation>();
    public DbSet<RmZoneVersion> ZoneVersions => Set<RmZoneVersion>();
    public DbSet<RmPlotVersion> PlotVersions => Set<RmPlotVersion>();
    public DbSet<ReportJob> Jobs => Set<ReportJob>();
    public DbSet<ReportArtifact> Artifacts => Set<ReportArtifact>();
    public DbSet<ReportEdit> Edits => Set<ReportEdit>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.AddReadModelTables();
        modelBuilder.AddTerritorialRegister(); // the copy of the TERYT register units are named from
        modelBuilder.AddJobTables();
    }
}
