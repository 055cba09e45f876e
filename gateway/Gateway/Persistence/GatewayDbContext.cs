using Gateway.Identity;
using Gateway.Identity.Users;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Persistence;

/// <summary>
/// The gateway's own database: machine API keys, people's accounts (ASP.NET Core Identity) with their audit
/// trail, and the OpenID Connect provider's clients, authorizations and tokens (OpenIddict).
/// </summary>
public sealed class GatewayDbContext(DbContextOptions<GatewayDbContext> options) : IdentityUserContext<PlatformUser>(options)
{
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<UserAuditEntry> UserAudit => Set<UserAuditEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.UseOpenIddict();
        modelBuilder.Entity<ApiKey>(e =>
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
        modelBuilder.Entity<UserAuditEntry>(e =>
        {
            e.ToTable("user_audit");
            e.Property(a => a.Id).HasColumnName("id");
            e.Property(a => a.At).HasColumnName("at");
            e.Property(a => a.Actor).HasColumnName("actor");
            e.Property(a => a.Login).HasColumnName("login");
            e.HasIndex(a => a.Login);
            e.Property(a => a.Action).HasColumnName("action");
            e.Property(a => a.Details).HasColumnName("details");
        });
    }
}
