using Catalogue.Api.Domain;
using Catalogue.Api.Messaging;
using Catalogue.Api.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.ServiceDefaults.Identity;

namespace Catalogue.Api.Application;

/// <summary>Recording how a direction was realized: append-only, versioned per (direction, period).</summary>
public sealed class MonitoringCommands(CatalogueDbContext db, TimeProvider clock, CurrentCaller caller)
{
    public async Task<EntryView> RecordEntryAsync(Guid directionId, RecordEntry c, CancellationToken ct)
    {
        var direction = await db.Nodes.AsNoTracking().FirstOrDefaultAsync(n => n.Id == directionId, ct);
        if (direction is null || direction.Kind != NodeKind.Direction)
            throw new NotFoundException($"Nie ma kierunku interwencji {directionId}.");
        var strategy = await db.Strategies.AsNoTracking().SingleAsync(s => s.Id == direction.StrategyId, ct);
        caller.DemandWrite(strategy.OwnerUnits, "zapisać realizacji kierunku tej strategii", StrategyCommands.WriteRole);
        // The author is who signed in, not what the form says.
        c = c with { RecordedBy = caller.RecordedBy(c.RecordedBy) };

        var errors = new ValidationErrors();
        var period = Rules.Period(errors, c.Year, c.YearFrom, c.YearTo, strategy);
        Rules.EntryFields(errors, "", c.Status, statusRequired: true, c.StatusText, c.Description, c.Conclusions,
            c.Implementers, c.EvidenceLinks, c.RecordedBy);
        if (c.ExpectedVersion < 0) errors.Add("expectedVersion", "Wersja nie może być ujemna.");
        errors.ThrowIfAny();
        var (from, to) = (period!.Value.From, period.Value.To);

        var current = await CurrentVersionAsync(directionId, from, to, ct);
        if (current != c.ExpectedVersion)
            throw new ConcurrencyConflictException(
                $"Wpis {direction.Code} za {period} ma już wersję {current} (oczekiwano {c.ExpectedVersion}).", current);

        var now = clock.GetUtcNow();
        var entry = new MonitoringEntry
        {
            Id = Guid.CreateVersion7(), DirectionId = directionId, StrategyId = strategy.Id, YearFrom = from, YearTo = to,
            Version = current + 1, Realized = c.Realized, Status = c.Status, StatusText = c.StatusText?.Trim(),
            Description = c.Description, Conclusions = c.Conclusions, Implementers = StrategyCommands.Clean(c.Implementers),
            EvidenceLinks = StrategyCommands.Clean(c.EvidenceLinks), RecordedBy = c.RecordedBy!.Trim(), RecordedAt = now,
        };
        db.Entries.Add(entry);
        CatalogueEvents.EntryRecorded(db, entry, direction.Code, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another writer took the same next version between our read and insert: the unique index decided.
            db.ChangeTracker.Clear();
            var now2 = await CurrentVersionAsync(directionId, from, to, ct);
            throw new ConcurrencyConflictException($"Wpis {direction.Code} za {period} ma już wersję {now2}.", now2);
        }
        return entry.ToView(direction.Code);
    }

    private async Task<int> CurrentVersionAsync(Guid directionId, int from, int to, CancellationToken ct) =>
        await db.Entries.Where(e => e.DirectionId == directionId && e.YearFrom == from && e.YearTo == to)
            .Select(e => (int?)e.Version).MaxAsync(ct) ?? 0;
}
