using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Identity;

/// <summary>
/// The caller of the current operation for application code, the same for REST and gRPC (both run
/// in an HTTP request). Work with no request at all (start-up demo import, message consumers) is the
/// service's own and is trusted.
/// </summary>
public sealed class CurrentCaller(IHttpContextAccessor accessor)
{
    public bool IsServiceItself => accessor.HttpContext is null;

    public PlatformCaller Caller => PlatformCaller.From(accessor.HttpContext?.User);

    /// <summary>Who to record as the author of a change: the signed-in person or system, else <paramref name="fallback"/>.</summary>
    public string? RecordedBy(string? fallback) => Caller is { IsAuthenticated: true } c ? c.Name ?? c.Subject : fallback;

    /// <summary>Demands a signed-in caller with one of the roles (territory checked later, once the input is known to be valid).</summary>
    public void DemandRole(string what, params string[] roles)
    {
        if (!IsServiceItself) Caller.DemandRole(what, roles);
    }

    /// <summary>Demands a role and a territory covering every one of <paramref name="units"/> (TERYT codes).</summary>
    public void DemandWrite(IEnumerable<string> units, string what, params string[] roles)
    {
        if (IsServiceItself) return;
        var caller = Caller;
        var any = false;
        foreach (var unit in units)
        {
            any = true;
            caller.DemandWrite(unit, what, roles);
        }
        // No unit named (the input is invalid anyway): still only for a signed-in caller with the role.
        if (!any) caller.DemandRole(what, roles);
    }
}
