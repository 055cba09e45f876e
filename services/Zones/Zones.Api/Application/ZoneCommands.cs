using Platform.Messaging.Outbox;
using Platform.Territory;
using Platform.Territory.Persistence;
using Zones.Api.Domain;
using Zones.Api.Persistence;

namespace Zones.Api.Application;

/// <summary>
/// Registering and changing zones: validate everything first (answering all problems at once),
/// check the caller's territory, then write the zone, its version in the history and its event in one transaction.
/// The gmina is checked against the copy of the TERYT register, which also gives the event its powiat.
/// </summary>
public sealed class ZoneCommands(ZonesDbContext db, ZoneStore store, TerritoryRegisterCache registerCache, TimeProvider clock)
{
    public async Task<Guid> RegisterAsync(ZoneInput input, WriteScope scope, CancellationToken ct, Guid? id = null)
    {
        scope.DemandWriter();
        var register = await ValidateAsync(input, ct);
        scope.Demand(input.GminaTeryt!);

        var zoneId = id ?? Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await store.InsertZoneAsync(zoneId, input, now, ct);
        await store.RefreshMotorwayAsync(zoneId, ct);
        await store.RecordZoneVersionAsync(zoneId, ct);
        var derived = await store.ReadDerivedAsync(zoneId, ct);
        db.AddIntegrationEvent(zoneId.ToString(), ZoneEvents.Registered(zoneId, input, RegisterRules.PowiatCode(register, input.GminaTeryt!), derived, now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return zoneId;
    }

    public async Task UpdateAsync(Guid id, ZoneInput input, int? expectedVersion, WriteScope scope, CancellationToken ct)
    {
        scope.DemandWriter();
        var register = await ValidateAsync(input, ct);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var before = await store.LockZoneAsync(id, ct) ?? throw new NotFoundException($"Nie ma strefy {id}.");
        // Moving a zone to another gmina needs the right to write in both.
        scope.Demand(before.GminaTeryt);
        scope.Demand(input.GminaTeryt!);
        if (expectedVersion is { } expected && expected != before.Version)
            throw new ConcurrencyConflictException(
                $"Strefę zmieniono w międzyczasie (wersja {before.Version}, oczekiwano {expected}); odczytaj ją ponownie.", before.Version);
        // A new boundary must still hold the zone's plots.
        if (await store.PlotsOutsideAsync(id, input.BoundaryGeoJson!, ct) is { Count: > 0 } outside)
            throw ValidationFailedException.Single("boundary", $"Nowa granica pomija zarejestrowane działki: {string.Join(", ", outside)}.");

        await store.UpdateZoneAsync(id, input, now, ct);
        await store.RefreshMotorwayAsync(id, ct);
        await store.RecordZoneVersionAsync(id, ct);
        var derived = await store.ReadDerivedAsync(id, ct);
        db.AddIntegrationEvent(id.ToString(), ZoneEvents.Changed(id, input, RegisterRules.PowiatCode(register, input.GminaTeryt!), before, derived, now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private async Task<TerritoryIndex> ValidateAsync(ZoneInput input, CancellationToken ct)
    {
        var register = await registerCache.GetAsync(ct);
        var errors = new ValidationErrors();
        ZoneRules.Validate(input, register, errors);
        if (!errors.HasUnder("boundary")) await store.CheckGeometryAsync(input.BoundaryGeoJson!, "boundary", errors, ct);
        if (!errors.HasUnder("boundary")) await CheckTerritoryAsync(input, register, errors, ct);
        errors.ThrowIfAny();
        return register;
    }

    /// <summary>
    /// A valid boundary against the zone's declared area and its gmina's voivodeship (each only when that field
    /// passed its own checks), so a planner cannot save a polygon that is not the zone's (<see cref="BoundaryRules"/>).
    /// </summary>
    private async Task CheckTerritoryAsync(ZoneInput input, TerritoryIndex register, ValidationErrors errors, CancellationToken ct)
    {
        var declared = errors.Has("totalAreaHa") ? null : input.TotalAreaHa;
        VoivodeshipOutline? voivodeship = null;
        var gminaName = "";
        if (!errors.Has("gminaTeryt"))
        {
            // Every gmina of the register lies in one of the 16: a missing outline is a broken build, not bad input.
            voivodeship = Voivodeships.Of(input.GminaTeryt!)
                ?? throw new InvalidOperationException($"No voivodeship outline for gmina {input.GminaTeryt}.");
            var gmina = RegisterRules.Gmina(register, input.GminaTeryt!);
            gminaName = $"{gmina.Name} ({gmina.Teryt})";
        }
        if (declared is null && voivodeship is null) return;
        var measure = await store.MeasureBoundaryAsync(input.BoundaryGeoJson!, voivodeship?.GeoJson, BoundaryRules.OutlineToleranceMetres, ct);
        BoundaryRules.Check("boundary", measure, declared, voivodeship, gminaName, errors);
    }
}
