using Platform.ServiceDefaults.Identity;

namespace Zones.Api.Application;

/// <summary>
/// Who is writing, as the write use cases check it: a signed-in planner (or admin) whose territory
/// (a TERYT prefix: a gmina, a powiat, "12" for the voivodeship) covers the zone's gmina. The
/// gateway authenticates the caller and passes the identity on signed; the transports turn it into
/// a scope with <see cref="Of"/>. <see cref="System"/> is the service itself (demo import): no caller, no checks.
/// </summary>
public sealed record WriteScope(PlatformCaller? Caller)
{
    private const string What = "rejestrować i zmieniać stref inwestycyjnych";

    public static readonly WriteScope System = new((PlatformCaller?)null);

    public static WriteScope Of(PlatformCaller caller) => new(caller);

    /// <summary>Signed in with a role that writes zones: checked before the input is even looked at.</summary>
    public void DemandWriter()
    {
        Caller?.DemandRole(What, PlatformRoles.Planner);
    }

    /// <summary>The caller's territory covers this gmina (both the old and the new one when a zone moves).</summary>
    public void Demand(string gminaTeryt) => Caller?.DemandWrite(gminaTeryt, What, PlatformRoles.Planner);
}
