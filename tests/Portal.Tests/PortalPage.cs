using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Portal.Tests;

/// <summary>
/// A browser tab on the portal that records every console error, failed request and HTTP error answer,
/// so a test can assert the page loaded cleanly. Requests to any host other than the portal's are
/// recorded too (the portal must never ask an outside host for anything).
/// </summary>
public sealed class PortalPage : IAsyncDisposable
{
    private readonly PortalFixture _portal;
    private readonly IBrowserContext _context;
    public IPage Page { get; }
    public List<string> Problems { get; } = [];
    /// <summary>HTTP statuses a test provokes on purpose (e.g. 400 from a validation check), per path fragment.</summary>
    public List<(string PathPart, int Status)> Expected { get; } = [];

    private PortalPage(PortalFixture portal, IBrowserContext context, IPage page)
    {
        _portal = portal;
        _context = context;
        Page = page;
        var origin = new Uri(portal.BaseUrl).GetLeftPart(UriPartial.Authority);
        page.Console += (_, message) =>
        {
            if (message.Type != "error") return;
            // Chromium logs every HTTP error answer to the console; those are judged by the Response handler
            // below, which knows the statuses a test provokes on purpose.
            var http = Regex.Match(message.Text, @"^Failed to load resource: the server responded with a status of (\d{3})");
            if (http.Success && Expected.Any(e => e.Status == int.Parse(http.Groups[1].Value))) return;
            Problems.Add($"console error on {page.Url}: {message.Text}");
        };
        page.PageError += (_, error) => Problems.Add($"page error on {page.Url}: {error}");
        page.RequestFailed += (_, request) =>
        {
            // A navigation away cancels what is still loading, and a map that zooms cancels the tiles of the
            // zoom it left; neither is a failure of the page.
            if (request.Failure is "net::ERR_ABORTED" && request.ResourceType is "fetch" or "xhr" or "document" or "image") return;
            Problems.Add($"request failed: {request.Method} {request.Url} ({request.Failure})");
        };
        page.Request += (_, request) =>
        {
            var url = request.Url;
            if (url.StartsWith("data:") || url.StartsWith("blob:") || url.StartsWith("about:")) return;
            if (!url.StartsWith(origin, StringComparison.OrdinalIgnoreCase)) Problems.Add($"request to an outside host: {url}");
        };
        page.Response += (_, response) =>
        {
            if (response.Status < 400) return;
            var path = new Uri(response.Url).PathAndQuery;
            if (Expected.Any(e => e.Status == response.Status && path.Contains(e.PathPart, StringComparison.Ordinal))) return;
            Problems.Add($"HTTP {response.Status}: {response.Request.Method} {response.Url}");
        };
    }

    public static async Task<PortalPage> OpenAsync(PortalFixture portal, string? token = null, int width = 1280, int height = 900)
    {
        portal.EnsureUp();
        var context = await portal.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
            Locale = "pl-PL",
            TimezoneId = "Europe/Warsaw",
        });
        if (token is not null)
            await context.AddInitScriptAsync(
                $"if (window === window.top) sessionStorage.setItem('portal.token', {System.Text.Json.JsonSerializer.Serialize(token)});");
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        return new PortalPage(portal, context, page);
    }

    /// <summary>Opens a page of the portal and waits until its script says it is ready and nothing is loading.</summary>
    public async Task GotoAsync(string path)
    {
        var response = await Page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}");
        await WaitReadyAsync();
    }

    /// <summary>
    /// Every page marks its body data-ready once its data is shown and data-busy while it reloads some.
    /// (No wait for "network idle" here: right after a navigation Playwright can miss that event.)
    /// </summary>
    public async Task WaitReadyAsync()
    {
        await Page.WaitForSelectorAsync("body[data-ready='true']:not([data-busy])", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
    }

    /// <summary>
    /// Waits until the address contains the fragment, then for the page to be ready. Polls the address:
    /// Playwright's WaitForURL sometimes misses a navigation a script starts (location.assign).
    /// </summary>
    public async Task WaitForAddressAsync(string fragment)
    {
        for (var i = 0; i < 300 && !Page.Url.Contains(fragment, StringComparison.Ordinal); i++) await Task.Delay(100);
        Assert.Contains(fragment, Page.Url);
        await WaitReadyAsync();
    }

    public async Task ScreenshotAsync(string name)
    {
        var file = Path.Combine(_portal.ScreenshotDir, Regex.Replace(name, @"[^\w.-]", "_") + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
    }

    public void AssertClean()
    {
        Assert.True(Problems.Count == 0, "The page had problems:\n" + string.Join("\n", Problems));
    }

    public async ValueTask DisposeAsync()
    {
        await _context.CloseAsync();
    }
}
