using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Persistence;

namespace Catalogue.Api.Persistence;

public sealed class CatalogueDbContext(DbContextOptions<CatalogueDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddMessagingTables();
}
