namespace Platform.ServiceDefaults.Identity;

/// <summary>Who may do what (DOMAIN.md "Who uses it").</summary>
public static class PlatformRoles
{
    /// <summary>Keeps strategies and records monitoring entries of strategies owned within their territory.</summary>
    public const string Coordinator = "coordinator";
    /// <summary>Registers and edits investment zones of their gmina or powiat.</summary>
    public const string Planner = "planner";
    /// <summary>Generates and reads reports.</summary>
    public const string Analyst = "analyst";
    /// <summary>Everything, everywhere.</summary>
    public const string Admin = "admin";
    /// <summary>A county labour office's system: submits labour-market figures for its territory.</summary>
    public const string LabourOffice = "labour-office";

    /// <summary>
    /// A platform service calling another on its own behalf (reporting reading labour's figures for its read
    /// model). Minted by the service itself with the internal signing key (<see cref="ServiceIdentity"/>);
    /// deliberately not in <see cref="All"/>, so the gateway never grants it to a key or a token.
    /// </summary>
    public const string Service = "service";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Coordinator, Planner, Analyst, Admin, LabourOffice };
}

/// <summary>Claim types of a platform identity.</summary>
public static class PlatformClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    /// <summary>TERYT prefix the caller acts for: "1203" = powiat chrzanowski and its gminy; "" = whole country (admin).</summary>
    public const string Territory = "territory";
    /// <summary>How the caller proved who it is at the gateway: "api-key" or "jwt".</summary>
    public const string Method = "amr";
}
