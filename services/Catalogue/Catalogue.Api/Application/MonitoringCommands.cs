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
        var (direction, strategy) = await WritableDirectionAsync(directionId, "zapisać realizacji kierunku tej strategii", ct);
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

        var entry = new MonitoringEntry
        {
            Id = Guid.CreateVersion7(), DirectionId = directionId, StrategyId = strategy.Id, YearFrom = from, YearTo = to,
            Version = current + 1, Realized = c.Realized, Status = c.Status, StatusText = c.StatusText?.Trim(),
            Description = c.Description, Conclusions = c.Conclusions, Implementers = StrategyCommands.Clean(c.Implementers),
            EvidenceLinks = StrategyCommands.Clean(c.EvidenceLinks), RecordedBy = c.RecordedBy!.Trim(),
        };
        return await AppendAsync(entry, direction.Code, period.Value, ct);
    }

    /// <summary>
    /// Withdraws the period's current entry (recorded by mistake) with a new version that says so: the period has no
    /// entry again, reporting hears of it, and the history keeps both what was recorded and who withdrew it.
    /// </summary>
    public async Task<EntryView> WithdrawEntryAsync(Guid directionId, WithdrawEntry c, CancellationToken ct)
    {
        var (direction, strategy) = await WritableDirectionAsync(directionId, "wycofać wpisu realizacji kierunku tej strategii", ct);
        var errors = new ValidationErrors();
        var period = Rules.Period(errors, c.Year, c.YearFrom, c.YearTo, strategy);
        if (c.ExpectedVersion < 1) errors.Add("expectedVersion", "Podaj wersję wycofywanego wpisu (od 1).");
        errors.ThrowIfAny();
        var (from, to) = (period!.Value.From, period.Value.To);

        var latest = await db.Entries.AsNoTracking().Where(e => e.DirectionId == directionId && e.YearFrom == from && e.YearTo == to)
            .OrderByDescending(e => e.Version).Select(e => new { e.Version, e.Withdrawn }).FirstOrDefaultAsync(ct);
        if (latest is null || latest.Withdrawn)
            throw new NotFoundException($"Kierunek {direction.Code} nie ma wpisu za {period}, który można wycofać.");
        if (latest.Version != c.ExpectedVersion)
            throw new ConcurrencyConflictException(
                $"Wpis {direction.Code} za {period} ma już wersję {latest.Version} (oczekiwano {c.ExpectedVersion}).", latest.Version);

        var withdrawal = new MonitoringEntry
        {
            Id = Guid.CreateVersion7(), DirectionId = directionId, StrategyId = strategy.Id, YearFrom = from, YearTo = to,
            Version = latest.Version + 1, Withdrawn = true, RecordedBy = caller.RecordedBy(null) ?? "platforma",
        };
        return await AppendAsync(withdrawal, direction.Code, period.Value, ct);
    }

    private async Task<(StrategyNode Direction, Strategy Strategy)> WritableDirectionAsync(Guid directionId, string what, CancellationToken ct)
    {
        var direction = await db.Nodes.AsNoTracking().FirstOrDefaultAsync(n => n.Id == directionId, ct);
        if (direction is null || direction.Kind != NodeKind.Direction)
            throw new NotFoundException($"Nie ma kierunku interwencji {directionId}.");
        var strategy = await db.Strategies.AsNoTracking().SingleAsync(s => s.Id == direction.StrategyId, ct);
        caller.DemandWrite(strategy.OwnerUnits, what, StrategyCommands.WriteRole);
        if (strategy.ArchivedAt is not null)
            throw new ConcurrencyConflictException($"Strategia {strategy.Code} jest w archiwum: nie przyjmuje wpisów (administrator może ją przywrócić).", strategy.Version);
        return (direction, strategy);
    }

    /// <summary>Adds the version and its event in one transaction; the unique index settles a race for the same version.</summary>
    private async Task<EntryView> AppendAsync(MonitoringEntry entry, string directionCode, MonitoringPeriod period, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        entry.RecordedAt = now;
        db.Entries.Add(entry);
        CatalogueEvents.EntryRecorded(db, entry, directionCode, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another writer took the same next version between our read and insert: the unique index decided.
            db.ChangeTracker.Clear();
            var now2 = await CurrentVersionAsync(entry.DirectionId, entry.YearFrom, entry.YearTo, ct);
            throw new ConcurrencyConflictException($"Wpis {directionCode} za {period} ma już wersję {now2}.", now2);
        }
        return entry.ToView(directionCode);
    }

    private async Task<int> CurrentVersionAsync(Guid directionId, int from, int to, CancellationToken ct) =>
        await db.Entries.Where(e => e.DirectionId == directionId && e.YearFrom == from && e.YearTo == to)
            .Select(e => (int?)e.Version).MaxAsync(ct) ?? 0;
}
