using LabourMarket.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LabourMarket.Api.Persistence;

// Column names follow Persistence/Migrations/*.sql; the schema test keeps the two in step. The TERYT register
// (register_units, register_state, register_imports) is mapped by Platform.Territory (AddTerritorialRegister).

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> e)
    {
        e.ToTable("indicators");
        e.HasKey(i => i.Code);
        e.Property(i => i.Code).HasColumnName("code");
        e.Property(i => i.Name).HasColumnName("name");
        e.Property(i => i.UnitOfMeasure).HasColumnName("unit_of_measure");
        e.Property(i => i.Description).HasColumnName("description");
        e.Property(i => i.Source).HasColumnName("source");
        e.Property(i => i.ValueKind).HasColumnName("value_kind");
    }
}

internal sealed class ObservationConfiguration : IEntityTypeConfiguration<Observation>
{
    public void Configure(EntityTypeBuilder<Observation> e)
    {
        e.ToTable("observations");
        e.HasKey(o => o.Id);
        e.Property(o => o.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        e.Property(o => o.IndicatorCode).HasColumnName("indicator_code");
        e.Property(o => o.UnitTeryt).HasColumnName("unit_teryt");
        e.Property(o => o.Period).HasColumnName("period");
        e.Property(o => o.PeriodKind).HasColumnName("period_kind");
        e.Property(o => o.Breakdown).HasColumnName("breakdown");
        e.Property(o => o.Revision).HasColumnName("revision");
        e.Property(o => o.Value).HasColumnName("value").HasColumnType("numeric");
        e.Property(o => o.Source).HasColumnName("source");
        e.Property(o => o.BatchId).HasColumnName("batch_id");
        e.Property(o => o.ReceivedAt).HasColumnName("received_at");
        e.Property(o => o.SupersededAt).HasColumnName("superseded_at");
    }
}

internal sealed class ObservationBatchConfiguration : IEntityTypeConfiguration<ObservationBatch>
{
    public void Configure(EntityTypeBuilder<ObservationBatch> e)
    {
        e.ToTable("observation_batches");
        e.HasKey(b => b.BatchId);
        e.Property(b => b.BatchId).HasColumnName("batch_id");
        e.Property(b => b.Source).HasColumnName("source");
        e.Property(b => b.Territory).HasColumnName("territory");
        e.Property(b => b.Received).HasColumnName("received");
        e.Property(b => b.Accepted).HasColumnName("accepted");
        e.Property(b => b.Unchanged).HasColumnName("unchanged");
        e.Property(b => b.Revised).HasColumnName("revised");
        e.Property(b => b.ReceivedAt).HasColumnName("received_at");
    }
}
