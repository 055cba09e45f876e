using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Persistence;
using Platform.Territory.Persistence;

namespace Zones.Api.Persistence;

/// <summary>
/// The zones database. EF Core carries the outbox (same transaction as a change) and describes the
/// tables for the schema test; the spatial tables themselves are read and written in SQL.
/// </summary>
public sealed class ZonesDbContext(DbContextOptions<ZonesDbContext> options) : DbContext(options)
{
    public DbSet<ZoneVersionRecord> ZoneVersions => Set<ZoneVersionRecord>();
    public DbSet<PlotVersionRecord> PlotVersions => Set<PlotVersionRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();

        // The copy of the TERYT register: gminy, powiaty and their names (Platform.Territory's tables).
        modelBuilder.AddTerritorialRegister();

        modelBuilder.Entity<ReferencePlaceRecord>(e =>
        {
            e.ToTable("reference_places");
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).HasColumnName("id");
            e.Property(r => r.Code).HasColumnName("code");
            e.Property(r => r.Kind).HasColumnName("kind");
            e.Property(r => r.Name).HasColumnName("name");
            e.Property(r => r.Road).HasColumnName("road");
            e.Property(r => r.Approximate).HasColumnName("approximate");
            e.Property(r => r.Location).HasColumnName("location").HasColumnType("geometry(Point,4326)");
        });

        modelBuilder.Entity<ZoneRecord>(e =>
        {
            e.ToTable("zones");
            e.HasKey(z => z.Id);
            e.Property(z => z.Id).HasColumnName("id");
            e.Property(z => z.Name).HasColumnName("name");
            e.Property(z => z.GminaTeryt).HasColumnName("gmina_teryt");
            e.Property(z => z.Kind).HasColumnName("kind");
            e.Property(z => z.State).HasColumnName("state");
            e.Property(z => z.TotalAreaHa).HasColumnName("total_area_ha").HasColumnType("numeric(12,4)");
            e.Property(z => z.AvailableAreaHa).HasColumnName("available_area_ha").HasColumnType("numeric(12,4)");
            e.Property(z => z.ComputedAreaHa).HasColumnName("computed_area_ha").HasColumnType("numeric(12,4)");
            e.Property(z => z.YearEstablished).HasColumnName("year_established");
            e.Property(z => z.SseName).HasColumnName("sse_name");
            e.Property(z => z.PsiEligible).HasColumnName("psi_eligible");
            e.Property(z => z.ZoningDesignation).HasColumnName("zoning_designation");
            e.Property(z => z.Utilities).HasColumnName("utilities").HasColumnType("jsonb");
            e.Property(z => z.RailwaySiding).HasColumnName("railway_siding");
            e.Property(z => z.Ownership).HasColumnName("ownership");
            e.Property(z => z.PriceMinPlnM2).HasColumnName("price_min_pln_m2").HasColumnType("numeric(10,2)");
            e.Property(z => z.PriceMaxPlnM2).HasColumnName("price_max_pln_m2").HasColumnType("numeric(10,2)");
            e.Property(z => z.ContactName).HasColumnName("contact_name");
            e.Property(z => z.ContactEmail).HasColumnName("contact_email");
            e.Property(z => z.ContactPhone).HasColumnName("contact_phone");
            e.Property(z => z.Description).HasColumnName("description");
            e.Property(z => z.ApproximateBoundary).HasColumnName("approximate_boundary");
            e.Property(z => z.Boundary).HasColumnName("boundary").HasColumnType("geometry(MultiPolygon,4326)");
            e.Property(z => z.MotorwayJunctionId).HasColumnName("motorway_junction_id");
            e.Property(z => z.MotorwayKm).HasColumnName("motorway_km");
            e.Property(z => z.Version).HasColumnName("version");
            e.Property(z => z.CreatedAt).HasColumnName("created_at");
            e.Property(z => z.UpdatedAt).HasColumnName("updated_at");
        });

        modelBuilder.Entity<PlotRecord>(e =>
        {
            e.ToTable("plots");
            e.HasKey(p => p.Id);
            e.Property(p => p.Id).HasColumnName("id");
            e.Property(p => p.ZoneId).HasColumnName("zone_id");
            e.Property(p => p.ParcelId).HasColumnName("parcel_id");
            e.Property(p => p.AreaHa).HasColumnName("area_ha").HasColumnType("numeric(12,4)");
            e.Property(p => p.State).HasColumnName("state");
            e.Property(p => p.Boundary).HasColumnName("boundary").HasColumnType("geometry(MultiPolygon,4326)");
            e.Property(p => p.ComputedAreaHa).HasColumnName("computed_area_ha").HasColumnType("numeric(12,4)");
            e.Property(p => p.Version).HasColumnName("version");
            e.Property(p => p.UpdatedAt).HasColumnName("updated_at");
        });

        modelBuilder.Entity<ZoneVersionRecord>(e =>
        {
            e.ToTable("zone_versions");
            e.HasKey(v => new { v.ZoneId, v.Version });
            e.Property(v => v.ZoneId).HasColumnName("zone_id");
            e.Property(v => v.Version).HasColumnName("version");
            e.Property(v => v.Name).HasColumnName("name");
            e.Property(v => v.GminaTeryt).HasColumnName("gmina_teryt");
            e.Property(v => v.Kind).HasColumnName("kind");
            e.Property(v => v.State).HasColumnName("state");
            e.Property(v => v.TotalAreaHa).HasColumnName("total_area_ha").HasColumnType("numeric(12,4)");
            e.Property(v => v.AvailableAreaHa).HasColumnName("available_area_ha").HasColumnType("numeric(12,4)");
            e.Property(v => v.ComputedAreaHa).HasColumnName("computed_area_ha").HasColumnType("numeric(12,4)");
            e.Property(v => v.YearEstablished).HasColumnName("year_established");
            e.Property(v => v.SseName).HasColumnName("sse_name");
            e.Property(v => v.PsiEligible).HasColumnName("psi_eligible");
            e.Property(v => v.MotorwayKm).HasColumnName("motorway_km");
            e.Property(v => v.WrittenAt).HasColumnName("written_at");
        });

        modelBuilder.Entity<PlotVersionRecord>(e =>
        {
            e.ToTable("plot_versions");
            e.HasKey(v => new { v.PlotId, v.Version });
            e.Property(v => v.PlotId).HasColumnName("plot_id");
            e.Property(v => v.Version).HasColumnName("version");
            e.Property(v => v.ZoneId).HasColumnName("zone_id");
            e.Property(v => v.ParcelId).HasColumnName("parcel_id");
            e.Property(v => v.GminaTeryt).HasColumnName("gmina_teryt");
            e.Property(v => v.AreaHa).HasColumnName("area_ha").HasColumnType("numeric(12,4)");
            e.Property(v => v.State).HasColumnName("state");
            e.Property(v => v.PreviousState).HasColumnName("previous_state");
            e.Property(v => v.ZoneYearEstablished).HasColumnName("zone_year_established");
            e.Property(v => v.WrittenAt).HasColumnName("written_at");
        });
    }
}
