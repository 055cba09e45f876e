using Microsoft.EntityFrameworkCore;
using Reporting.Api.Application;
using Reporting.Api.ReadModel;

namespace Reporting.Api.Persistence;

/// <summary>Maps the entities onto the tables of Migrations/0001_reporting.sql and 0002 (snake_case columns).</summary>
public static class Configurations
{
    public static void AddReadModelTables(this ModelBuilder b)
    {
        b.Entity<RmStrategy>(e =>
        {
            e.ToTable("rm_strategies").HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.Code).HasColumnName("code");
            e.Property(x => x.Name).HasColumnName("name");
            e.Property(x => x.OwnerKind).HasColumnName("owner_kind");
            e.Property(x => x.OwnerUnits).HasColumnName("owner_units");
            e.Property(x => x.OwnerName).HasColumnName("owner_name");
            e.Property(x => x.PeriodFrom).HasColumnName("period_from");
            e.Property(x => x.PeriodTo).HasColumnName("period_to");
            e.Property(x => x.AdoptedBy).HasColumnName("adopted_by");
            e.Property(x => x.Mission).HasColumnName("mission");
            e.Property(x => x.Vision).HasColumnName("vision");
            e.Property(x => x.State).HasColumnName("state");
            e.Property(x => x.EvaluationSummaryJson).HasColumnName("evaluation_summary_json");
            e.Property(x => x.Version).HasColumnName("version");
            e.Property(x => x.TreeVersion).HasColumnName("tree_version");
            e.Property(x => x.OccurredAt).HasColumnName("occurred_at");
            e.Property(x => x.Archived).HasColumnName("archived");
        });
        b.Entity<RmNode>(e =>
        {
            e.ToTable("rm_nodes").HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.StrategyId).HasColumnName("strategy_id");
            e.Property(x => x.ParentId).HasColumnName("parent_id");
            e.Property(x => x.Kind).HasColumnName("kind");
            e.Property(x => x.Code).HasColumnName("code");
            e.Property(x => x.Title).HasColumnName("title");
            e.Property(x => x.SortOrder).HasColumnName("sort_order");
            e.Property(x => x.Implementers).HasColumnName("implementers");
            e.Property(x => x.AreaWide).HasColumnName("area_wide");
            e.Property(x => x.IndicatorsJson).HasColumnName("indicators_json");
        });
        b.Entity<RmEntry>(e =>
        {
            e.ToTable("rm_entries").HasKey(x => new { x.EntryId, x.Version });
            e.Property(x => x.EntryId).HasColumnName("entry_id");
            e.Property(x => x.Version).HasColumnName("version");
            e.Property(x => x.StrategyId).HasColumnName("strategy_id");
            e.Property(x => x.DirectionId).HasColumnName("direction_id");
            e.Property(x => x.DirectionCode).HasColumnName("direction_code");
            e.Property(x => x.YearFrom).HasColumnName("year_from");
            e.Property(x => x.YearTo).HasColumnName("year_to");
            e.Property(x => x.Realized).HasColumnName("realized");
            e.Property(x => x.Status).HasColumnName("status");
            e.Property(x => x.StatusText).HasColumnName("status_text");
            e.Property(x => x.Description).HasColumnName("description");
            e.Property(x => x.Conclusions).HasColumnName("conclusions");
            e.Property(x => x.Implementers).HasColumnName("implementers");
            e.Property(x => x.RecordedAt).HasColumnName("recorded_at");
            e.Property(x => x.OccurredAt).HasColumnName("occurred_at");
            e.Property(x => x.Withdrawn).HasColumnName("withdrawn");
        });
        b.Entity<RmObservation>(e =>
        {
            e.ToTable("rm_observations").HasKey(x => new { x.Indicator, x.Unit, x.Period, x.Breakdown, x.Revision });
            e.Property(x => x.Indicator).HasColumnName("indicator");
            e.Property(x => x.Unit).HasColumnName("unit");
            e.Property(x => x.Period).HasColumnName("period");
            e.Property(x => x.Breakdown).HasColumnName("breakdown");
            e.Property(x => x.Revision).HasColumnName("revision");
            e.Property(x => x.Value).HasColumnName("value").HasColumnType("numeric");
            e.Property(x => x.Source).HasColumnName("source");
            e.Property(x => x.ReceivedAt).HasColumnName("received_at");
            e.Property(x => x.BatchId).HasColumnName("batch_id");
        });
        b.Entity<RmZoneVersion>(e =>
        {
            e.ToTable("rm_zone_versions").HasKey(x => new { x.ZoneId, x.Version });
            e.Property(x => x.ZoneId).HasColumnName("zone_id");
            e.Property(x => x.Version).HasColumnName("version");
            e.Property(x => x.Name).HasColumnName("name");
            e.Property(x => x.GminaTeryt).HasColumnName("gmina_teryt");
            e.Property(x => x.PowiatTeryt).HasColumnName("powiat_teryt");
            e.Property(x => x.Kind).HasColumnName("kind");
            e.Property(x => x.State).HasColumnName("state");
            e.Property(x => x.TotalAreaHa).HasColumnName("total_area_ha").HasColumnType("numeric");
            e.Property(x => x.AvailableAreaHa).HasColumnName("available_area_ha").HasColumnType("numeric");
            e.Property(x => x.YearEstablished).HasColumnName("year_established");
            e.Property(x => x.OccurredAt).HasColumnName("occurred_at");
        });
        b.Entity<RmPlotVersion>(e =>
        {
            e.ToTable("rm_plot_versions").HasKey(x => new { x.PlotId, x.Version });
            e.Property(x => x.PlotId).HasColumnName("plot_id");
            e.Property(x => x.Version).HasColumnName("version");
            e.Property(x => x.ZoneId).HasColumnName("zone_id");
            e.Property(x => x.ParcelId).HasColumnName("parcel_id");
            e.Property(x => x.GminaTeryt).HasColumnName("gmina_teryt");
            e.Property(x => x.AreaHa).HasColumnName("area_ha").HasColumnType("numeric");
            e.Property(x => x.State).HasColumnName("state");
            e.Property(x => x.PreviousState).HasColumnName("previous_state");
            e.Property(x => x.OccurredAt).HasColumnName("occurred_at");
        });
    }

    public static void AddJobTables(this ModelBuilder b)
    {
        b.Entity<ReportJob>(e =>
        {
            e.ToTable("report_jobs").HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.Kind).HasColumnName("kind");
            e.Property(x => x.StrategyId).HasColumnName("strategy_id");
            e.Property(x => x.YearFrom).HasColumnName("year_from");
            e.Property(x => x.YearTo).HasColumnName("year_to");
            e.Property(x => x.DataCutOff).HasColumnName("data_cut_off");
            e.Property(x => x.State).HasColumnName("state");
            e.Property(x => x.Progress).HasColumnName("progress");
            e.Property(x => x.Stage).HasColumnName("stage");
            e.Property(x => x.Error).HasColumnName("error");
            e.Property(x => x.Attempts).HasColumnName("attempts");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.StartedAt).HasColumnName("started_at");
            e.Property(x => x.FinishedAt).HasColumnName("finished_at");
            e.Property(x => x.RequestedBy).HasColumnName("requested_by");
            e.Property(x => x.PublishedAt).HasColumnName("published_at");
            e.Property(x => x.PublishedBy).HasColumnName("published_by");
            e.Property(x => x.EditVersion).HasColumnName("edit_version");
            e.Property(x => x.Foreword).HasColumnName("foreword");
            e.Property(x => x.Conclusions).HasColumnName("conclusions");
            e.Ignore(x => x.IsPublished);
            e.HasMany(x => x.Artifacts).WithOne().HasForeignKey(a => a.JobId);
        });
        b.Entity<ReportEdit>(e =>
        {
            e.ToTable("report_edits").HasKey(x => new { x.JobId, x.Version });
            e.Property(x => x.JobId).HasColumnName("job_id");
            e.Property(x => x.Version).HasColumnName("version");
            e.Property(x => x.Foreword).HasColumnName("foreword");
            e.Property(x => x.Conclusions).HasColumnName("conclusions");
            e.Property(x => x.EditedBy).HasColumnName("edited_by");
            e.Property(x => x.EditedAt).HasColumnName("edited_at");
        });
        b.Entity<ReportArtifact>(e =>
        {
            e.ToTable("report_artifacts").HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.JobId).HasColumnName("job_id");
            e.Property(x => x.Format).HasColumnName("format");
            e.Property(x => x.ContentType).HasColumnName("content_type");
            e.Property(x => x.Content).HasColumnName("content");
            e.Property(x => x.SizeBytes).HasColumnName("size_bytes");
            e.Property(x => x.Sha256).HasColumnName("sha256");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.HasIndex(x => new { x.JobId, x.Format }).IsUnique();
        });
    }
}
