using System.Net.Http.Headers;
using Npgsql;
using Platform.ServiceDefaults.Identity;
using Platform.Testing;

namespace EndToEnd.Tests.Harness;

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}

/// <summary>
/// The platform as deploy/run.sh started it: the gateway (PLATFORM_URL, default http://127.0.0.1:8080; gRPC on
/// PLATFORM_GRPC_URL, default :8081), the demo credentials (PLATFORM_CREDENTIALS, default .local/credentials.env),
/// the services' databases (PLATFORM_TEST_POSTGRES with the platform_* database names) and the local secrets
/// (JWT signing key, to make people's tokens as an identity provider would). When the platform is not up the
/// tests fail saying so; they never skip.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public string Root { get; } = Platform.Testing.Repository.Root;
    public Uri Gateway { get; } = new((Environment.GetEnvironmentVariable("PLATFORM_URL") is { Length: > 0 } u ? u : "http://127.0.0.1:8080").TrimEnd('/') + "/");
    public Uri GatewayGrpc { get; } = new((Environment.GetEnvironmentVariable("PLATFORM_GRPC_URL") is { Length: > 0 } u ? u : "http://127.0.0.1:8081").TrimEnd('/') + "/");
    public IReadOnlyDictionary<string, string> Credentials { get; private set; } = new Dictionary<string, string>();
    /// <summary>The machine's secrets file (deploy/lib/infra.sh): the services' own passwords, for the least-privilege tests.</summary>
    public IReadOnlyDictionary<string, string> Secrets { get; private set; } = new Dictionary<string, string>();
    public PlatformControl Control { get; private set; } = null!;
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        Credentials = ReadEnvFile(Environment.GetEnvironmentVariable("PLATFORM_CREDENTIALS") is { Length: > 0 } p ? p : Path.Combine(Root, ".local", "credentials.env"));
        var secrets = ReadEnvFile(Environment.GetEnvironmentVariable("PLATFORM_SECRETS_FILE") is { Length: > 0 } s ? s
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "platform", "secrets.env"));
        Secrets = secrets;
        Control = new PlatformControl(this);
        try { await Control.WaitHealthyAsync(TimeSpan.FromSeconds(60)); }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"The platform is not healthy at {Gateway} — start it with deploy/run.sh first. {ex.Message}", ex);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public string Credential(string name) =>
        Credentials.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"{name} is missing from the credentials file (deploy/run.sh writes it).");

    /// <summary>
    /// A person's bearer token from the platform's own OpenID Connect provider (deploy/run.sh token: the gateway's
    /// CLI makes the account when missing and asks the provider for the token); one per account and run.
    /// </summary>
    public string PersonToken(string role, string territory, string subject) => PersonTokens([(role, territory, subject)])[0];

    /// <summary>Tokens for many accounts in one run of the CLI (it starts in seconds; fifty planners would wait minutes).</summary>
    public IReadOnlyList<string> PersonTokens(IReadOnlyList<(string Role, string Territory, string Subject)> accounts)
    {
        lock (_tokens)
        {
            var missing = accounts.Where(a => !_tokens.ContainsKey(a.Subject)).DistinctBy(a => a.Subject).ToList();
            if (missing.Count > 0)
            {
                var run = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", [Path.Combine(Root, "deploy", "run.sh"), "token", "-"])
                {
                    RedirectStandardInput = true,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                })!;
                foreach (var (role, territory, subject) in missing) run.StandardInput.WriteLine($"{subject} {role} {territory}");
                run.StandardInput.Close();
                var error = run.StandardError.ReadToEndAsync();
                var lines = run.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                run.WaitForExit();
                // run.sh may log before the tokens: the last lines are theirs, in order.
                if (run.ExitCode != 0 || lines.Length < missing.Count)
                    throw new InvalidOperationException($"deploy/run.sh token - failed ({run.ExitCode}): {error.Result}");
                for (var i = 0; i < missing.Count; i++) _tokens[missing[i].Subject] = lines[lines.Length - missing.Count + i];
            }
            return accounts.Select(a => _tokens[a.Subject]).ToList();
        }
    }

    public HttpClient Http(string? bearer = null, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = Gateway, Timeout = timeout ?? TimeSpan.FromSeconds(60) };
        if (bearer is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    /// <summary>A service's own database (catalogue, labour, zones, reporting, gateway).</summary>
    public async Task<NpgsqlConnection> OpenDatabaseAsync(string service)
    {
        var connection = new NpgsqlConnection(TestEnvironment.ConnectionStringFor("platform_" + service));
        await connection.OpenAsync();
        return connection;
    }

    public async Task<T> ScalarAsync<T>(string service, string sql, params object[] parameters)
    {
        await using var connection = await OpenDatabaseAsync(service);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters) command.Parameters.AddWithValue(parameter);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static Dictionary<string, string> ReadEnvFile(string path) =>
        !File.Exists(path) ? [] : File.ReadAllLines(path)
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#') && l.Contains('='))
            .Select(l => (Key: l[..l.IndexOf('=')], Value: l[(l.IndexOf('=') + 1)..]))
            .GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.Last().Value);
}
