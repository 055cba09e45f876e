using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Messaging.Configuration;
using Platform.Messaging.Outbox;
using Microsoft.AspNetCore.Http;
using BuildingBlocks.Tests.Notes.V1;
using Platform.ServiceDefaults.Grpc;
using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Identity;
using Platform.ServiceDefaults.Persistence;
using Platform.Testing;

namespace BuildingBlocks.Tests.Notes;

/// <summary>A small service using the messaging building block on real PostgreSQL and RabbitMQ.</summary>
public class NotesFixture : ServiceFixture
{
    public const string ConsumerQueue = "notes-note-written";

    protected override string Name => "notes";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("RabbitMq:RetryLimit", "1"),
        new("Outbox:MaxBackoff", "00:00:01"),
        new("Outbox:PublishTimeout", "00:00:02"),
    ];

    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.Services.AddSingleton(new ReplicaName(Guid.NewGuid().ToString("N")[..8]));
        builder.AddServiceDatabase<NotesDbContext>(typeof(NotesFixture).Assembly);
        builder.AddMessaging("notes", x => x.AddConsumer<NoteWrittenConsumer>());
        builder.Services.AddPlatformGrpcClient<NotesApi.NotesApiClient>("notes-peer", "notes");
    }

    protected override void Map(WebApplication app)
    {
        app.MapDefaultEndpoints();
        app.MapGrpcService<NotesGrpcService>();
        app.MapGet("/whoami", (HttpContext context) => context.Caller());
        // A write for a unit of the territory: what every service's write path demands.
        app.MapPost("/units/{teryt}/notes", (string teryt, HttpContext context) =>
        {
            context.Caller().DemandWrite(teryt, "dodać notatkę", PlatformRoles.Planner);
            return Results.Ok();
        });
    }

    /// <summary>Writes a note and its event in one SaveChanges, as a service does.</summary>
    public async Task<Guid> WriteNoteAsync(string text, ServiceTestHost? replica = null)
    {
        await using var scope = (replica ?? Host).CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<NotesDbContext>();
        var note = new Note { Id = Guid.NewGuid(), Text = text };
        db.Notes.Add(note);
        db.AddIntegrationEvent(note.Id.ToString(), new NoteWritten(note.Id, text, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        return note.Id;
    }

    public async Task<int> HandledCountAsync(Guid noteId)
    {
        await using var scope = Host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<NotesDbContext>();
        return await db.HandledNotes.CountAsync(h => h.NoteId == noteId);
    }

    public async Task<List<OutboxMessage>> OutboxRowsForAsync(Guid noteId)
    {
        await using var scope = Host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<NotesDbContext>();
        var id = noteId.ToString();
        return await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.AggregateId == id).ToListAsync();
    }
}

/// <summary>Two instances of the notes service on one database and one virtual host, as two Kubernetes replicas run.</summary>
public sealed class TwoReplicasNotesFixture : NotesFixture
{
    protected override int ReplicaCount => 2;
}
