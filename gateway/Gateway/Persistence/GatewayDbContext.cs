using Gateway.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Persistence;

public sealed class GatewayDbContext(DbContextOptions<GatewayDbContext> options) : DbContext(options)
{
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<ApiKey>(e =>
    {
        e.ToTable("api_keys");
        e.Property(k => k.Id).HasColumnName("id");
        e.Property(k => k.Name).HasColumnName("name");
        e.Property(k => k.Prefix).HasColumnName("prefix");
        e.HasIndex(k => k.Prefix).IsUnique();
        e.Property(k => k.SecretHash).HasColumnName("secret_hash");
        e.Property(k => k.Role).HasColumnName("role");
        e.Property(k => k.Territory).HasColumnName("territory");
        e.Property(k => k.CreatedAt).HasColumnName("created_at");
        e.Property(k => k.ExpiresAt).HasColumnName("expires_at");
        e.Property(k => k.RevokedAt).HasColumnName("revoked_at");
    });
}
