using Microsoft.AspNetCore.Identity;

namespace Gateway.Identity.Users;

/// <summary>
/// An official who signs in with a login and password (ASP.NET Core Identity keeps the hash, lockout and
/// second factor). One role and one territory per person, as the platform's authorization works with them.
/// </summary>
public sealed class PlatformUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public string Role { get; set; } = "";
    /// <summary>TERYT prefix the person acts for ("" = the whole country).</summary>
    public string Territory { get; set; } = "";
    /// <summary>A one-time password (set by an administrator) must be replaced at the next sign-in.</summary>
    public bool MustChangePassword { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>A deactivated account signs in no more and its tokens are refused; kept for the audit trail.</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }
}

/// <summary>Who changed which account, how and when (an administrator's action or the person's own).</summary>
public sealed class UserAuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>Login of the one who acted ("cli:&lt;os user&gt;" from the command line).</summary>
    public string Actor { get; set; } = "";
    public string Login { get; set; } = "";
    public string Action { get; set; } = "";
    public string Details { get; set; } = "";
}
