using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Gateway.Identity.SignIn;
using Gateway.Identity.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using Platform.ServiceDefaults.Identity;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Gateway.Cli;

/// <summary>
/// People's accounts, machine clients and administrator-issued tokens from the command line (the same
/// application code as the REST API; every change audited with the operating-system user as the actor).
/// </summary>
public static class SignInCommands
{
    private static string Actor => "cli:" + Environment.UserName;

    public static async Task<int> UsersAsync(IServiceProvider services, string? verb, Dictionary<string, string> o)
    {
        var admin = services.GetRequiredService<UserAdministration>();
        var ct = CancellationToken.None;
        switch (verb)
        {
            case "list":
                foreach (var u in await admin.ListAsync(ct))
                    Console.WriteLine($"{u.Login}\t{u.Name}\t{u.Role}\t{u.Territory}\t{State(u)}");
                return 0;
            case "create":
                Console.WriteLine((await admin.CreateAsync(Actor, Draft(o), ct)).OneTimePassword);
                return 0;
            case "ensure":
                // deploy/run.sh's demo users: created once; while the one-time password is unused, a new one each run.
                var users = services.GetRequiredService<UserManager<PlatformUser>>();
                var existing = await users.FindByNameAsync(GatewayCommands.Required(o, "login"));
                if (existing is null) Console.WriteLine((await admin.CreateAsync(Actor, Draft(o), ct)).OneTimePassword);
                else if (existing.MustChangePassword) Console.WriteLine(await admin.ResetPasswordAsync(Actor, existing.UserName!, ct));
                return 0;
            case "update":
                Console.WriteLine(State(await admin.UpdateAsync(Actor, GatewayCommands.Required(o, "login"), Draft(o) with { Login = null }, ct)));
                return 0;
            case "reset-password":
                Console.WriteLine(await admin.ResetPasswordAsync(Actor, GatewayCommands.Required(o, "login"), ct));
                return 0;
            case "unlock":
                Console.WriteLine(State(await admin.UnlockAsync(Actor, GatewayCommands.Required(o, "login"), ct)));
                return 0;
            case "deactivate":
                Console.WriteLine(State(await admin.DeactivateAsync(Actor, GatewayCommands.Required(o, "login"), ct)));
                return 0;
            case "activate":
                Console.WriteLine(State(await admin.ActivateAsync(Actor, GatewayCommands.Required(o, "login"), ct)));
                return 0;
            case "reset-two-factor":
                Console.WriteLine(State(await admin.ResetTwoFactorAsync(Actor, GatewayCommands.Required(o, "login"), ct)));
                return 0;
            case "audit":
                foreach (var a in await admin.AuditAsync(o.GetValueOrDefault("login"), 200, ct))
                    Console.WriteLine($"{a.At:yyyy-MM-dd HH:mm:ss}\t{a.Actor}\t{a.Login}\t{a.Action}\t{a.Details}");
                return 0;
            default:
                throw new ArgumentException("users list | create | ensure | update | reset-password | unlock | deactivate | activate | reset-two-factor | audit");
        }
    }

    /// <summary>A machine client of the provider (client credentials): prints its secret once.</summary>
    public static async Task<int> ClientsAsync(IServiceProvider services, string? verb, Dictionary<string, string> o)
    {
        var applications = services.GetRequiredService<IOpenIddictApplicationManager>();
        switch (verb)
        {
            case "create":
                var role = GatewayCommands.Role(GatewayCommands.Required(o, "role"));
                var territory = GatewayCommands.Territory(GatewayCommands.Required(o, "territory"));
                var secret = await MachineClients.CreateAsync(applications, GatewayCommands.Required(o, "id"),
                    o.GetValueOrDefault("name", GatewayCommands.Required(o, "id")), role, territory, CancellationToken.None);
                Console.WriteLine(secret);
                return 0;
            case "list":
                await foreach (var app in applications.ListAsync())
                    Console.WriteLine($"{await applications.GetClientIdAsync(app)}\t{await applications.GetDisplayNameAsync(app)}\t{await applications.GetClientTypeAsync(app)}");
                return 0;
            case "delete":
                var client = await applications.FindByClientIdAsync(GatewayCommands.Required(o, "id")) ?? throw new ArgumentException("no such client");
                await applications.DeleteAsync(client);
                return 0;
            default:
                throw new ArgumentException("clients create --id I --role R --territory T [--name N] | list | delete --id I");
        }
    }

    /// <summary>
    /// An access token for a named account, issued by the running gateway's provider: the command sets a new secret
    /// for its own client in the database (it holds the gateway's configuration, so it is the administrator) and
    /// asks the token endpoint with the administrator-issued grant. With --role and --territory the account is made
    /// first when missing (scripts, tests); it keeps whatever password it has.
    /// </summary>
    public static async Task<int> IssueTokenAsync(IServiceProvider services, Dictionary<string, string> o)
    {
        // --stdin: one account a line ("login role territory"), one token a line back, with one secret for the batch
        // (the end-to-end tests act as fifty planners at once).
        var accounts = o.ContainsKey("stdin")
            ? ReadAccounts(Console.In)
            : [(GatewayCommands.Required(o, "login"), o.GetValueOrDefault("role"), o.GetValueOrDefault("territory"), o.GetValueOrDefault("name"))];
        var users = services.GetRequiredService<UserManager<PlatformUser>>();
        foreach (var (login, role, territory, name) in accounts)
            if (role is not null && await users.FindByNameAsync(login) is null)
                await services.GetRequiredService<UserAdministration>().CreateAsync(Actor,
                    new UserDraft(login, name ?? login, GatewayCommands.Role(role), GatewayCommands.Territory(territory ?? ""), null), CancellationToken.None);
        var gateway = o.GetValueOrDefault("gateway") ?? services.GetRequiredService<IOptions<SignInSettings>>().Value.Issuer;
        foreach (var token in await AdministratorToken.IssueAsync(services, new Uri(gateway), accounts.Select(a => a.Login).ToList(), CancellationToken.None))
            Console.WriteLine(token);
        return 0;
    }

    private static List<(string Login, string? Role, string? Territory, string? Name)> ReadAccounts(TextReader input)
    {
        var accounts = new List<(string, string?, string?, string?)>();
        while (input.ReadLine() is { } line)
        {
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0) continue;
            accounts.Add((parts[0], parts.ElementAtOrDefault(1), parts.ElementAtOrDefault(2) ?? "", null));
        }
        return accounts;
    }

    private static UserDraft Draft(Dictionary<string, string> o) => new(
        o.GetValueOrDefault("login"), o.GetValueOrDefault("name") ?? o.GetValueOrDefault("login"), o.GetValueOrDefault("role"),
        o.GetValueOrDefault("territory"), o.GetValueOrDefault("email"));

    private static string State(UserView u) =>
        u.DeactivatedAt is not null ? "wyłączone" : u.LockedUntil is not null ? $"zablokowane do {u.LockedUntil:HH:mm}" : u.MustChangePassword ? "hasło jednorazowe" : "aktywne";
}

/// <summary>The administrator-issued grant, as the CLI and the test fixtures use it.</summary>
public static class AdministratorToken
{
    public static async Task<string> IssueAsync(IServiceProvider services, Uri gateway, string login, CancellationToken ct) =>
        (await IssueAsync(services, gateway, [login], ct))[0];

    public static async Task<IReadOnlyList<string>> IssueAsync(IServiceProvider services, Uri gateway, IReadOnlyList<string> logins, CancellationToken ct)
    {
        var applications = services.GetRequiredService<IOpenIddictApplicationManager>();
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = SignInClients.Cli,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = "Wiersz poleceń administratora",
            Permissions = { Permissions.Endpoints.Token, Permissions.Prefixes.GrantType + SignInClients.AdministratorGrant, Permissions.Prefixes.Scope + SignInClients.ScopeApi },
        };
        if (await applications.FindByClientIdAsync(SignInClients.Cli, ct) is { } existing) await applications.UpdateAsync(existing, descriptor, ct);
        else await applications.CreateAsync(descriptor, ct);

        using var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        var tokens = new List<string>();
        foreach (var login in logins)
        {
            using var response = await http.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = SignInClients.AdministratorGrant,
                ["client_id"] = SignInClients.Cli,
                ["client_secret"] = secret,
                [SignInClients.LoginParameter] = login,
                ["scope"] = SignInClients.ScopeApi,
            }), ct);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            if (!response.IsSuccessStatusCode || !body.TryGetProperty("access_token", out var token))
                throw new ArgumentException($"the gateway at {gateway} refused a token for {login}: {body}");
            tokens.Add(token.GetString()!);
        }
        return tokens;
    }
}
