namespace Gateway.Identity.SignIn;

/// <summary>The clients of the platform's OpenID Connect provider and the grants only the platform's own tools use.</summary>
public static class SignInClients
{
    /// <summary>The web portal: a public client (code flow with PKCE, refresh tokens).</summary>
    public const string Portal = "portal";
    /// <summary>The administrator's command line (deploy/run.sh, operators): its secret is set anew by each command.</summary>
    public const string Cli = "platform-cli";
    /// <summary>
    /// The command line asks for a named person's access token without that person's password (demo users,
    /// scripts an administrator runs). Only <see cref="Cli"/> holds the permission, and each use is audited.
    /// </summary>
    public const string AdministratorGrant = "urn:platform:grant-type:administrator-issued";
    public const string LoginParameter = "login";
    public const string CallbackPath = "/signin-callback.html";
    public const string ScopeApi = "api";
    /// <summary>Application properties of a machine client (client credentials): what it may do, where.</summary>
    public const string RoleProperty = "platform_role";
    public const string TerritoryProperty = "platform_territory";
}
