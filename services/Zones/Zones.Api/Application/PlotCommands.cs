using Platform.Messaging.Outbox;
using Platform.Territory.Persistence;
using Zones.Api.Persistence;

namespace Zones.Api.Application;

/// <summary>Plots (parcels) inside a zone: registering them and changing their state; the event's powiat from the register.</summary>
public sealed class PlotCommands(ZonesDbContext db, ZoneStore store, TerritoryRegisterCache register, TimeProvider clock)
{
    public async Task<Guid> AddAsync(Guid zoneId, PlotInput input, WriteScope scope, CancellationToken ct)
    {
        scope.DemandWriter();
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var zone = await store.LockZoneAsync(zoneId, ct) ?? throw new NotFoundException($"Nie ma strefy {zoneId}.");
        await ValidateAsync(zoneId, null, input, ct);
        scope.Demand(zone.GminaTeryt);

        var plotId = Guid.CreateVersion7();
        await store.InsertPlotAsync(plotId, zoneId, input, now, ct);
        await store.RecordPlotVersionAsync(plotId, null, ct);
        var derived = await store.ReadDerivedAsync(zoneId, ct);
        db.AddIntegrationEvent(zoneId.ToString(), ZoneEvents.Plot(plotId, zoneId, input, zone.GminaTeryt, await PowiatAsync(zone.GminaTeryt, ct), derived.YearEstablished, null, 1, now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return plotId;
    }

    public async Task UpdateAsync(Guid zoneId, Guid plotId, PlotInput input, int? expectedVersion, WriteScope scope, CancellationToken ct)
    {
        scope.DemandWriter();
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var zone = await store.LockZoneAsync(zoneId, ct) ?? throw new NotFoundException($"Nie ma strefy {zoneId}.");
        var before = await store.LockPlotAsync(zoneId, plotId, ct) ?? throw new NotFoundException($"Strefa {zoneId} nie ma działki {plotId}.");
        await ValidateAsync(zoneId, plotId, input, ct);
        scope.Demand(zone.GminaTeryt);
        if (expectedVersion is { } expected && expected != before.Version)
            throw new ConcurrencyConflictException(
                $"Działkę zmieniono w międzyczasie (wersja {before.Version}, oczekiwano {expected}).", before.Version);

        await store.UpdatePlotAsync(plotId, input, now, ct);
        // Every version goes into the history, also a correction that is no news for the read models.
        await store.RecordPlotVersionAsync(plotId, before.State, ct);
        // Only a change of state is news for the read models; other corrections are not.
        if (before.State != input.State)
        {
            var derived = await store.ReadDerivedAsync(zoneId, ct);
            db.AddIntegrationEvent(zoneId.ToString(),
                ZoneEvents.Plot(plotId, zoneId, input, zone.GminaTeryt, await PowiatAsync(zone.GminaTeryt, ct), derived.YearEstablished, before.State, before.Version + 1, now));
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }

    private async Task<string> PowiatAsync(string gmina, CancellationToken ct) => RegisterRules.PowiatCode(await register.GetAsync(ct), gmina);

    private async Task ValidateAsync(Guid zoneId, Guid? plotId, PlotInput input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        ZoneRules.Validate(input, errors);
        if (!errors.HasUnder("parcelId") && await store.ParcelTakenAsync(zoneId, input.ParcelId!.Trim(), plotId, ct))
            errors.Add("parcelId", $"Działka {input.ParcelId} jest już zarejestrowana w tej strefie.");
        if (input.BoundaryGeoJson is not null && !errors.HasUnder("boundary"))
        {
            await store.CheckGeometryAsync(input.BoundaryGeoJson, "boundary", errors, ct);
            if (!errors.HasUnder("boundary") && !await store.PlotInsideZoneAsync(zoneId, input.BoundaryGeoJson, ct))
                errors.Add("boundary", "Działka wychodzi poza granicę strefy.");
        }
        errors.ThrowIfAny();
    }
}
