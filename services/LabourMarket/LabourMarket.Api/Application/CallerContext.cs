using Platform.ServiceDefaults.Identity;

namespace LabourMarket.Api.Application;

/// <summary>
/// What a submission needs to know of its caller: the TERYT prefix it may write for (e.g. "1203" for
/// the PUP in Chrzanów); null = no restriction (admin, or the service's own demo import). It comes
/// only from the identity the gateway signed (API key → role labour-office + territory), never from
/// a header a client could set.
/// </summary>
public sealed record CallerContext(string? Territory)
{
    public static readonly CallerContext Unrestricted = new((string?)null);

    public bool MayWrite(string teryt) =>
        Territory is null || teryt.StartsWith(Territory, StringComparison.Ordinal);

    /// <summary>A signed-in labour office (or admin) with a territory; anyone else is refused (401/403).</summary>
    public static CallerContext ForSubmission(PlatformCaller caller)
    {
        caller.DemandRole("przesyłać danych o bezrobociu", PlatformRoles.LabourOffice);
        if (caller.IsAdmin) return Unrestricted;
        return string.IsNullOrEmpty(caller.Territory)
            ? throw new AccessDeniedException(false, "Klucz nadawcy nie ma przypisanego obszaru (TERYT).")
            : new CallerContext(caller.Territory);
    }
}
