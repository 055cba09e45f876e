using Microsoft.EntityFrameworkCore;

namespace Platform.Territory.Persistence;

public static class TerritorialRegisterModel
{
    /// <summary>Maps the register tables (created by this assembly's migration) into a service's context.</summary>
    public static ModelBuilder AddTerritorialRegister(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<RegisterUnitRecord>(e =>
        {
            e.ToTable("register_units");
            e.HasKey(u => u.Code);
            e.Property(u => u.Code).HasColumnName("code");
            e.Property(u => u.Name).HasColumnName("name");
            e.Property(u => u.Level).HasColumnName("level");
            e.Property(u => u.Kind).HasColumnName("kind");
            e.Property(u => u.ParentCode).HasColumnName("parent_code");
            e.Property(u => u.Description).HasColumnName("description");
            e.Property(u => u.ValidFrom).HasColumnName("valid_from");
            e.Property(u => u.ValidTo).HasColumnName("valid_to");
            e.Property(u => u.FormerNames).HasColumnName("former_names").HasColumnType("jsonb");
        });
        modelBuilder.Entity<RegisterStateRecord>(e =>
        {
            e.ToTable("register_state");
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(s => s.Version).HasColumnName("version");
            e.Property(s => s.StateAsOf).HasColumnName("state_as_of");
            e.Property(s => s.UpdatedAt).HasColumnName("updated_at");
        });
        modelBuilder.Entity<RegisterImportRecord>(e =>
        {
            e.ToTable("register_imports");
            e.HasKey(i => i.Id);
            e.Property(i => i.Id).HasColumnName("id").UseIdentityAlwaysColumn();
            e.Property(i => i.Version).HasColumnName("version");
            e.Property(i => i.FileName).HasColumnName("file_name");
            e.Property(i => i.StateAsOf).HasColumnName("state_as_of");
            e.Property(i => i.Encoding).HasColumnName("encoding");
            e.Property(i => i.Rows).HasColumnName("rows");
            e.Property(i => i.Added).HasColumnName("added");
            e.Property(i => i.Renamed).HasColumnName("renamed");
            e.Property(i => i.Ended).HasColumnName("ended");
            e.Property(i => i.Reinstated).HasColumnName("reinstated");
            e.Property(i => i.Report).HasColumnName("report").HasColumnType("jsonb");
            e.Property(i => i.ImportedAt).HasColumnName("imported_at");
            e.Property(i => i.ImportedBy).HasColumnName("imported_by");
        });
        return modelBuilder;
    }
}
