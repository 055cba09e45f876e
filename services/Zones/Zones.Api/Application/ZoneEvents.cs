using Platform.Contracts.Events.Zones.V1;
using Zones.Api.Domain;
using Zones.Api.Persistence;

namespace Zones.Api.Application;

/// <summary>Builds the integration events from the input and what SQL derived (static mapper).</summary>
public static class ZoneEvents
{
    public static ZoneRegistered Registered(Guid id, ZoneInput z, ZoneDerived d, DateTimeOffset at) =>
        new(id, z.Name!.Trim(), z.GminaTeryt!, Teryt.PowiatOf(z.GminaTeryt!), z.Kind!, z.State!, z.TotalAreaHa!.Value,
            z.AvailableAreaHa!.Value, d.ComputedAreaHa, d.YearEstablished, d.SseName, d.PsiEligible, d.MotorwayKm, d.Version, at);

    public static ZoneChanged Changed(Guid id, ZoneInput z, ZoneWriteState before, ZoneDerived d, DateTimeOffset at) =>
        new(id, z.Name!.Trim(), z.GminaTeryt!, Teryt.PowiatOf(z.GminaTeryt!), z.Kind!, z.State!, before.State,
            z.TotalAreaHa!.Value, z.AvailableAreaHa!.Value, before.TotalAreaHa, before.AvailableAreaHa, d.ComputedAreaHa,
            d.YearEstablished, d.SseName, d.PsiEligible, d.MotorwayKm, d.Version, at);

    public static PlotStateChanged Plot(Guid plotId, Guid zoneId, PlotInput p, string gminaTeryt, int? zoneYear, string? previousState, int version, DateTimeOffset at) =>
        new(plotId, zoneId, p.ParcelId!.Trim(), gminaTeryt, Teryt.PowiatOf(gminaTeryt), p.AreaHa!.Value, previousState, p.State!, zoneYear, version, at);
}
