using Platform.Contracts.Events.Zones.V1;
using Zones.Api.Persistence;

namespace Zones.Api.Application;

/// <summary>Builds the integration events from the input, the gmina's powiat in the register and what SQL derived (static mapper).</summary>
public static class ZoneEvents
{
    public static ZoneRegistered Registered(Guid id, ZoneInput z, string powiat, ZoneDerived d, DateTimeOffset at) =>
        new(id, z.Name!.Trim(), z.GminaTeryt!, powiat, z.Kind!, z.State!, z.TotalAreaHa!.Value,
            z.AvailableAreaHa!.Value, d.ComputedAreaHa, d.YearEstablished, d.SseName, d.PsiEligible, d.MotorwayKm, d.Version, at);

    public static ZoneChanged Changed(Guid id, ZoneInput z, string powiat, ZoneWriteState before, ZoneDerived d, DateTimeOffset at) =>
        new(id, z.Name!.Trim(), z.GminaTeryt!, powiat, z.Kind!, z.State!, before.State,
            z.TotalAreaHa!.Value, z.AvailableAreaHa!.Value, before.TotalAreaHa, before.AvailableAreaHa, d.ComputedAreaHa,
            d.YearEstablished, d.SseName, d.PsiEligible, d.MotorwayKm, d.Version, at);

    public static PlotStateChanged Plot(Guid plotId, Guid zoneId, PlotInput p, string gminaTeryt, string powiat, int? zoneYear, string? previousState, int version, DateTimeOffset at) =>
        new(plotId, zoneId, p.ParcelId!.Trim(), gminaTeryt, powiat, p.AreaHa!.Value, previousState, p.State!, zoneYear, version, at);
}
