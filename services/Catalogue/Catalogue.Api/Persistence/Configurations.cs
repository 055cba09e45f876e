using Catalogue.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Catalogue.Api.Persistence;

// Column names follow Migrations/0001_catalogue.sql; HostingTests checks that both agree.

internal sealed class StrategyConfiguration : IEntityTypeConfiguration<Strategy>
{
    public void Configure(EntityTypeBuilder<Strategy> e)
    {
        e.ToTable("strategies");
        e.HasKey(s => s.Id);
        e.Property(s => s.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(s => s.Code).HasColumnName("code");
        e.HasIndex(s => s.Code).IsUnique();
        e.Property(s => s.Name).HasColumnName("name");
        e.Property(s => s.OwnerKind).HasColumnName("owner_kind");
        e.Property(s => s.OwnerUnits).HasColumnName("owner_units");
        e.Property(s => s.OwnerName).HasColumnName("owner_name");
        e.Property(s => s.PeriodFrom).HasColumnName("period_from");
        e.Property(s => s.PeriodTo).HasColumnName("period_to");
        e.Property(s => s.AdoptedBy).HasColumnName("adopted_by");
        e.Property(s => s.Mission).HasColumnName("mission");
        e.Property(s => s.Vision).HasColumnName("vision");
        e.Property(s => s.State).HasColumnName("state");
        e.Property(s => s.EvaluationSummary).HasColumnName("evaluation_summary").HasColumnType("jsonb");
        e.Property(s => s.Source).HasColumnName("source");
        e.Property(s => s.Version).HasColumnName("version").IsConcurrencyToken();
        e.Property(s => s.CreatedAt).HasColumnName("created_at");
        e.Property(s => s.UpdatedAt).HasColumnName("updated_at");
        e.Property(s => s.ArchivedAt).HasColumnName("archived_at");
        e.Property(s => s.ArchivedBy).HasColumnName("archived_by");
    }
}

internal sealed class StrategyNodeConfiguration : IEntityTypeConfiguration<StrategyNode>
{
    public void Configure(EntityTypeBuilder<StrategyNode> e)
    {
        e.ToTable("strategy_nodes");
        e.HasKey(n => n.Id);
        e.Property(n => n.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(n => n.StrategyId).HasColumnName("strategy_id");
        e.Property(n => n.ParentId).HasColumnName("parent_id");
        e.Property(n => n.Kind).HasColumnName("kind").HasConversion(k => NodeKinds.Name(k), s => NodeKinds.ByName[s]);
        e.Property(n => n.Code).HasColumnName("code");
        e.Property(n => n.Title).HasColumnName("title");
        e.Property(n => n.Order).HasColumnName("order");
        e.Property(n => n.Depth).HasColumnName("depth");
        e.Property(n => n.SortKey).HasColumnName("sort_key");
        e.Property(n => n.AncestorIds).HasColumnName("ancestor_ids");
        e.Property(n => n.Implementers).HasColumnName("implementers");
        e.Property(n => n.AreaWide).HasColumnName("area_wide");
        e.Property(n => n.Weight).HasColumnName("weight").HasColumnType("numeric(9,3)");
        e.Property(n => n.Indicators).HasColumnName("indicators").HasColumnType("jsonb");
        e.Property(n => n.ForwardedTo).HasColumnName("forwarded_to");
        e.Property(n => n.SearchText).HasColumnName("search_text");
        e.Property(n => n.Version).HasColumnName("version").IsConcurrencyToken();
        e.Property(n => n.UpdatedAt).HasColumnName("updated_at");
        e.HasIndex(n => new { n.StrategyId, n.Kind, n.Code }).IsUnique();
        // The foreign keys are declared so EF orders a batch's inserts parents-first.
        e.HasOne<Strategy>().WithMany().HasForeignKey(n => n.StrategyId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<StrategyNode>().WithMany().HasForeignKey(n => n.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MonitoringEntryConfiguration : IEntityTypeConfiguration<MonitoringEntry>
{
    public void Configure(EntityTypeBuilder<MonitoringEntry> e)
    {
        e.ToTable("monitoring_entries");
        e.HasKey(m => m.Id);
        e.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(m => m.DirectionId).HasColumnName("direction_id");
        e.Property(m => m.StrategyId).HasColumnName("strategy_id");
        e.Property(m => m.YearFrom).HasColumnName("year_from");
        e.Property(m => m.YearTo).HasColumnName("year_to");
        e.Property(m => m.Version).HasColumnName("version");
        e.Property(m => m.Realized).HasColumnName("realized");
        e.Property(m => m.Status).HasColumnName("status");
        e.Property(m => m.StatusText).HasColumnName("status_text");
        e.Property(m => m.Description).HasColumnName("description");
        e.Property(m => m.Conclusions).HasColumnName("conclusions");
        e.Property(m => m.Implementers).HasColumnName("implementers");
        e.Property(m => m.EvidenceLinks).HasColumnName("evidence_links");
        e.Property(m => m.RecordedBy).HasColumnName("recorded_by");
        e.Property(m => m.RecordedAt).HasColumnName("recorded_at");
        e.Property(m => m.Withdrawn).HasColumnName("withdrawn");
        e.HasIndex(m => new { m.DirectionId, m.YearFrom, m.YearTo, m.Version }).IsUnique();
        e.HasOne<StrategyNode>().WithMany().HasForeignKey(m => m.DirectionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Strategy>().WithMany().HasForeignKey(m => m.StrategyId).OnDelete(DeleteBehavior.Restrict);
    }
}
