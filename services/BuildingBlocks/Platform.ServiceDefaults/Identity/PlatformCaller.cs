using System.Security.Claims;

namespace Platform.ServiceDefaults.Identity;

/// <summary>The caller as services see it, with the two questions every write asks: which role, which territory.</summary>
public sealed record PlatformCaller(string? Subject, string? Name, IReadOnlySet<string> Roles, string? Territory)
{
    public static readonly PlatformCaller Anonymous = new(null, null, new HashSet<string>(), null);

    public bool IsAuthenticated => Subject is not null;
    public bool IsAdmin => Roles.Contains(PlatformRoles.Admin);

    /// <summary>True when the caller's territory contains the unit with this TERYT code (prefix match).</summary>
    public bool Covers(string teryt) =>
        IsAdmin || (Territory is not null && teryt.Length > 0 && teryt.StartsWith(Territory, StringComparison.Ordinal));

    /// <summary>
    /// Throws unless the caller is signed in, has one of <paramref name="roles"/> (or is admin) and
    /// covers <paramref name="teryt"/>: the check of every write.
    /// </summary>
    public void DemandWrite(string teryt, string what, params string[] roles)
    {
        DemandRole(what, roles);
        if (!Covers(teryt))
            throw new AccessDeniedException(false, $"Obszar {Territory} nie obejmuje jednostki {teryt}: nie można {what}.");
    }

    /// <summary>
    /// Throws unless the caller is signed in with one of <paramref name="roles"/> (or is admin). <paramref name="what"/>
    /// follows "nie można": the genitive of a negated verb ("tworzyć raportów"), so every sentence here negates it.
    /// </summary>
    public void DemandRole(string what, params string[] roles)
    {
        if (!IsAuthenticated) throw new AccessDeniedException(true, $"Zaloguj się: bez zalogowania nie można {what}.");
        if (!IsAdmin && !roles.Any(Roles.Contains))
            throw new AccessDeniedException(false, $"Rola nie pozwala {what} (wymagana: {string.Join(" lub ", roles)}).");
    }

    public static PlatformCaller From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true) return Anonymous;
        return new PlatformCaller(
            user.FindFirstValue(PlatformClaims.Subject),
            user.FindFirstValue(PlatformClaims.Name),
            user.FindAll(PlatformClaims.Role).Select(c => c.Value).ToHashSet(),
            user.FindFirstValue(PlatformClaims.Territory));
    }
}

/// <summary>A refused call: HTTP 401/403, gRPC UNAUTHENTICATED/PERMISSION_DENIED, with the reason.</summary>
public sealed class AccessDeniedException(bool unauthenticated, string reason) : Exception(reason)
{
    public bool Unauthenticated { get; } = unauthenticated;
}
