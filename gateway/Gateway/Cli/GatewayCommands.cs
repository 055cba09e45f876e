using Gateway.Identity;
using Gateway.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.ServiceDefaults.Identity;
using Platform.ServiceDefaults.Persistence;

namespace Gateway.Cli;

/// <summary>
/// Administration from the command line, with the gateway's own configuration (database, keys):
///   keys create --name N --role R --territory T [--expires yyyy-mm-dd]   prints the key once
///   keys list
///   keys revoke --prefix P
///   users list | create | ensure | update | reset-password | unlock | deactivate | activate | reset-two-factor | audit
///   clients create --id I --role R --territory T [--name N] | list | delete --id I     machine clients (client credentials)
///   tokens issue --login L [--role R --territory T --name N] [--gateway URL]          a person's access token from the provider
/// </summary>
public static class GatewayCommands
{
    public static bool Matches(string[] args) => args is ["keys" or "tokens" or "users" or "clients", ..];

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var options = Options(args.Skip(2));
        try
        {
            return (args[0], args.ElementAtOrDefault(1)) switch
            {
                ("keys", "create") => await CreateKeyAsync(app, options),
                ("keys", "list") => await ListKeysAsync(app),
                ("keys", "revoke") => await RevokeKeyAsync(app, Required(options, "prefix")),
                ("tokens", "issue") => await SignInCommands.IssueTokenAsync(await ScopeAsync(app), options),
                ("users", var verb) => await SignInCommands.UsersAsync(await ScopeAsync(app), verb, options),
                ("clients", var verb) => await SignInCommands.ClientsAsync(await ScopeAsync(app), verb, options),
                _ => Usage(),
            };
        }
        catch (Exception ex) when (ex is ArgumentException or Platform.ServiceDefaults.Errors.ValidationFailedException or Platform.ServiceDefaults.Errors.NotFoundException)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message);
            return 2;
        }
    }

    private static async Task<int> CreateKeyAsync(WebApplication app, Dictionary<string, string> options)
    {
        var role = Role(Required(options, "role"));
        var territory = Territory(Required(options, "territory"));
        var expires = options.TryGetValue("expires", out var e)
            ? DateTimeOffset.Parse(e, System.Globalization.CultureInfo.InvariantCulture)
            : DateTimeOffset.UtcNow.AddYears(1);
        var (key, plainText) = ApiKey.Create(Required(options, "name"), role, territory, expires, DateTimeOffset.UtcNow);
        await using var db = await OpenAsync(app);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync();
        Console.WriteLine(plainText);
        await Console.Error.WriteLineAsync($"created key {key.Prefix} '{key.Name}' role={role} territory={territory} expires={expires:yyyy-MM-dd} (shown once; only its hash is stored)");
        return 0;
    }

    private static async Task<int> ListKeysAsync(WebApplication app)
    {
        await using var db = await OpenAsync(app);
        foreach (var k in await db.ApiKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ToListAsync())
        {
            var state = k.RefusalReason(DateTimeOffset.UtcNow) ?? "aktywny";
            Console.WriteLine($"{k.Prefix}\t{k.Name}\t{k.Role}\t{k.Territory}\t{k.ExpiresAt:yyyy-MM-dd}\t{state}");
        }
        return 0;
    }

    private static async Task<int> RevokeKeyAsync(WebApplication app, string prefix)
    {
        await using var db = await OpenAsync(app);
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Prefix == prefix)
            ?? throw new ArgumentException($"no key with prefix {prefix}");
        key.RevokedAt ??= DateTimeOffset.UtcNow;
        await db.SaveChangesAsync();
        Console.WriteLine($"revoked {prefix}");
        return 0;
    }

    /// <summary>The services of a scope, with the schema brought up first (the command may run before the gateway ever started).</summary>
    private static async Task<IServiceProvider> ScopeAsync(WebApplication app)
    {
        await MigrationRunner.ApplyAsync(app.Services.GetRequiredService<NpgsqlDataSource>(),
            app.Services.GetServices<MigrationSource>(), app.Logger, CancellationToken.None);
        return app.Services.CreateScope().ServiceProvider;
    }

    private static async Task<GatewayDbContext> OpenAsync(WebApplication app)
    {
        // The command may run before the gateway ever started: bring the schema up first.
        await MigrationRunner.ApplyAsync(app.Services.GetRequiredService<NpgsqlDataSource>(),
            app.Services.GetServices<MigrationSource>(), app.Logger, CancellationToken.None);
        return app.Services.CreateScope().ServiceProvider.GetRequiredService<GatewayDbContext>();
    }

    internal static string Role(string role) =>
        PlatformRoles.All.Contains(role) ? role : throw new ArgumentException($"--role must be one of {string.Join(", ", PlatformRoles.All)}");

    internal static string Territory(string territory) =>
        territory.All(char.IsAsciiDigit) && territory.Length <= 7 ? territory : throw new ArgumentException("--territory must be a TERYT prefix (digits, e.g. 1203), or empty for the whole country");

    internal static string Required(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");

    private static Dictionary<string, string> Options(IEnumerable<string> args)
    {
        var list = args.ToList();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            if (!list[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected '{list[i]}'");
            options[list[i][2..]] = i + 1 < list.Count ? list[++i] : throw new ArgumentException($"{list[i]} needs a value");
        }
        return options;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: Gateway keys create --name N --role R --territory T [--expires yyyy-mm-dd] | keys list | keys revoke --prefix P | users … | clients … | tokens issue --login L [--role R --territory T --name N]");
        return 2;
    }
}
