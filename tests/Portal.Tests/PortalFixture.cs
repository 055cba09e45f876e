using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Portal.Tests;

/// <summary>
/// The platform as deploy/run.sh started it (PORTAL_URL, default http://127.0.0.1:8080; demo tokens from
/// PLATFORM_CREDENTIALS, default .local/credentials.env of this checkout) and one headless Chromium:
/// Debian's /usr/bin/chromium (PLAYWRIGHT_CHROMIUM to override), never a downloaded browser.
/// When the platform is not up the tests fail with that message; they are never skipped.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public string BaseUrl { get; } = (Environment.GetEnvironmentVariable("PORTAL_URL") is { Length: > 0 } url ? url : "http://127.0.0.1:8080").TrimEnd('/');
    public string ScreenshotDir { get; private set; } = "";
    public IReadOnlyDictionary<string, string> Credentials { get; private set; } = new Dictionary<string, string>();
    public HttpClient Http { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    private IPlaywright? _playwright;
    private string? _startupError;

    public static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    public async Task InitializeAsync()
    {
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl + "/"), Timeout = TimeSpan.FromSeconds(30) };
        var root = RepositoryRoot();
        ScreenshotDir = Environment.GetEnvironmentVariable("PORTAL_SCREENSHOTS") is { Length: > 0 } dir
            ? dir : Path.Combine(root ?? Path.GetTempPath(), ".local", "portal-screenshots");
        Directory.CreateDirectory(ScreenshotDir);

        try
        {
            using var health = await Http.GetAsync("healthz");
            // Up is enough here: a degraded service shows up in the page that needs it.
            _ = health.StatusCode;
        }
        catch (Exception ex)
        {
            _startupError = $"The platform is not reachable at {BaseUrl} ({ex.GetType().Name}: {ex.Message}). " +
                            "Start it with deploy/run.sh (or set PORTAL_URL) before running the portal tests.";
            return;
        }

        var credentialsPath = Environment.GetEnvironmentVariable("PLATFORM_CREDENTIALS") is { Length: > 0 } p
            ? p : root is null ? "" : Path.Combine(root, ".local", "credentials.env");
        if (File.Exists(credentialsPath))
        {
            Credentials = File.ReadAllLines(credentialsPath)
                .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#') && l.Contains('='))
                .Select(l => (Key: l[..l.IndexOf('=')], Value: l[(l.IndexOf('=') + 1)..]))
                .GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.Last().Value);
        }

        var executable = Environment.GetEnvironmentVariable("PLAYWRIGHT_CHROMIUM") is { Length: > 0 } exe ? exe : "/usr/bin/chromium";
        try
        {
            _playwright = await Playwright.CreateAsync();
            Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = ChromiumArgs,
            });
        }
        catch (Exception ex)
        {
            _startupError = $"Could not start headless Chromium at {executable}: {ex.Message}";
        }
    }

    /// <summary>Call first in every test: fails (never skips) when the platform or the browser is not there.</summary>
    public void EnsureUp()
    {
        if (_startupError is not null) Assert.Fail(_startupError);
    }

    public string Token(string name)
    {
        EnsureUp();
        if (Credentials.TryGetValue(name, out var token) && token.Length > 0) return token;
        Assert.Fail($"{name} is missing: deploy/run.sh writes it to .local/credentials.env (or point PLATFORM_CREDENTIALS at the file).");
        return "";
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path.TrimStart('/'));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        Http?.Dispose();
    }

    private static string? RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")) || Directory.Exists(Path.Combine(dir.FullName, ".git")))
                    return dir.FullName;
        }
        return null;
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "Portal";
}
