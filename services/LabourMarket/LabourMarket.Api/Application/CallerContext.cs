using Platform.ServiceDefaults.Identity;
using Platform.Territory;

namespace LabourMarket.Api.Application;

/// <summary>
/// What a submission needs to know of its caller: the territory (a TERYT code, e.g. "1203" for the PUP in
/// Chrzanów) it may write for; null = no restriction (admin, or the service's own demo import). It comes
/// only from the identity the gateway signed (API key → role labour-office + territory), never from
/// a header a client could set.
/// </summary>
public sealed record CallerContext(string? Territory)
{
    public static readonly CallerContext Unrestricted = new((string?)null);

    /// <summary>
    /// True when the unit lies in the caller's territory: by code prefix (a key's territory may be any TERYT
    /// prefix), else by the register's parent chain. Checked per row of a feed: the prefix test answers almost all.
    /// </summary>
    public bool MayWrite(string code, TerritoryIndex units) =>
        Territory is null || code.StartsWith(Territory, StringComparison.Ordinal) || units.IsWithin(code, Territory);

    /// <summary>Why a known unit is refused, in the clerk's words: which unit, which territory the key covers.</summary>
    public string OutsideTerritory(TerritorialUnit unit, TerritoryIndex units) =>
        $"Jednostka {unit.Code} ({unit.DisplayName}) leży poza obszarem klucza {Territory}{NameOf(Territory, units)}.";

    public string TerritoryName(TerritoryIndex units) => $"{Territory}{NameOf(Territory, units)}";

    private static string NameOf(string? code, TerritoryIndex units) =>
        code is not null && units.Find(code) is { } unit ? $" ({unit.DisplayName})" : "";

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
