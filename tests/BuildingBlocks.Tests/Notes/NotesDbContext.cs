using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Persistence;

namespace BuildingBlocks.Tests.Notes;

/// <summary>A minimal service model: notes are written (and announced), and handled by a consumer.</summary>
public sealed class NotesDbContext(DbContextOptions<NotesDbContext> options) : DbContext(options)
{
    public DbSet<Note> Notes => Set<Note>();
    public DbSet<HandledNote> HandledNotes => Set<HandledNote>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.Entity<Note>(e =>
        {
            e.ToTable("notes");
            e.Property(n => n.Id).HasColumnName("id");
            e.Property(n => n.Text).HasColumnName("text");
        });
        modelBuilder.Entity<HandledNote>(e =>
        {
            e.ToTable("handled_notes");
            e.Property(n => n.Id).HasColumnName("id").UseIdentityAlwaysColumn();
            e.Property(n => n.NoteId).HasColumnName("note_id");
            e.Property(n => n.Text).HasColumnName("text");
            e.Property(n => n.HandledBy).HasColumnName("handled_by");
        });
    }
}

public sealed class Note
{
    public Guid Id { get; set; }
    public string Text { get; set; } = "";
}

public sealed class HandledNote
{
    public long Id { get; set; }
    public Guid NoteId { get; set; }
    public string Text { get; set; } = "";
    public string HandledBy { get; set; } = "";
}
