using Microsoft.Playwright;

namespace Portal.Tests;

/// <summary>Lighthouse-style basics on every page: a title, labelled form fields, text alternatives, language, no errors.</summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "Portal")]
public sealed class AccessibilityTests(PortalFixture portal)
{
    public static TheoryData<string, string, bool> Pages() => new()
    {
        { "home", "/", false },
        { "zones-a11y", "/zones.html", false },
        { "zone-a11y", "/zone.html?id=FIRST_ZONE", false },
        { "strategy-a11y", "/strategy.html", true },
        { "direction-a11y", "/direction.html?id=FIRST_DIRECTION", true },
        { "labour-a11y", "/labour.html", false },
        { "reports-a11y", "/reports.html", false },
        { "signin-a11y", "/signin.html", false },
        { "login-a11y", "/account/login", false },
        { "home-en", "/?lang=en", false },
    };

    private async Task<string> ResolveAsync(string path)
    {
        if (path.Contains("FIRST_ZONE"))
        {
            var zones = await portal.GetJsonAsync("/api/v1/zones?pageSize=1");
            return path.Replace("FIRST_ZONE", zones.GetProperty("items")[0].GetProperty("id").GetString());
        }
        if (path.Contains("FIRST_DIRECTION"))
        {
            var strategy = (await portal.GetJsonAsync("/api/v1/catalogue/strategies?pageSize=1")).GetProperty("items")[0];
            var directions = await portal.GetJsonAsync($"/api/v1/catalogue/strategies/{strategy.GetProperty("id").GetString()}/directions?pageSize=1");
            return path.Replace("FIRST_DIRECTION", directions.GetProperty("items")[0].GetProperty("id").GetString())
                   + $"&strategy={strategy.GetProperty("id").GetString()}";
        }
        return path;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_has_a_title_labelled_fields_text_alternatives_and_loads_cleanly(string name, string path, bool asCoordinator)
    {
        portal.EnsureUp();
        await using var tab = await PortalPage.OpenAsync(portal, asCoordinator ? portal.Token("COORDINATOR_TOKEN") : null);
        var page = tab.Page;
        var english = path.EndsWith("?lang=en");
        if (english)
        {
            await page.Context.AddInitScriptAsync("localStorage.setItem('portal.lang', 'en')");
            path = "/";
        }
        await tab.GotoAsync(await ResolveAsync(path));

        var title = await page.TitleAsync();
        Assert.False(string.IsNullOrWhiteSpace(title), $"{path} has no title");
        Assert.Equal(english ? "en" : "pl", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal(1, await page.Locator("h1").CountAsync());
        Assert.Equal(1, await page.Locator("main").CountAsync());

        // Every visible form field has a label (label[for], a wrapping label, aria-label or aria-labelledby).
        var unlabelled = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('input, select, textarea')]
            .filter(el => el.type !== 'hidden' && el.offsetParent !== null)
            .filter(el => !(el.labels && [...el.labels].some(l => l.textContent.trim()))
                       && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
            .map(el => el.outerHTML.slice(0, 120))");
        Assert.True(unlabelled.Length == 0, $"fields without a label on {path}:\n" + string.Join("\n", unlabelled));

        // Images have alt text; SVG images (charts, map) have an accessible name.
        var noAlt = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('img')].filter(i => !i.hasAttribute('alt')).map(i => i.src)");
        Assert.True(noAlt.Length == 0, "images without alt: " + string.Join(", ", noAlt));
        var unnamedSvg = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('svg')]
            .filter(s => s.getAttribute('aria-hidden') !== 'true' && (s.getAttribute('role') === 'img' || s.getAttribute('role') === 'group' || s.dataset.map))
            .filter(s => !(s.getAttribute('aria-label') || '').trim() && !s.querySelector(':scope > title'))
            .map(s => s.outerHTML.slice(0, 120))");
        Assert.True(unnamedSvg.Length == 0, "SVG images without a text alternative: " + string.Join("\n", unnamedSvg));
        if (await page.Locator("[data-map]").CountAsync() > 0)
        {
            var label = await page.Locator("[data-map]").First.GetAttributeAsync("aria-label");
            Assert.False(string.IsNullOrWhiteSpace(label), "the map has no text alternative");
        }
        // Buttons and links have names.
        var nameless = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('a[href], button')]
            .filter(el => el.offsetParent !== null && !(el.textContent.trim() || el.getAttribute('aria-label') || el.getAttribute('title')))
            .map(el => el.outerHTML.slice(0, 120))");
        Assert.True(nameless.Length == 0, "links or buttons without a name: " + string.Join("\n", nameless));

        // Keyboard: the skip link is the first stop and leads to the main content.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("skip", await page.EvaluateAsync<string>("document.activeElement.className"));

        await tab.ScreenshotAsync(name);

        // On a phone screen nothing makes the page wider than the screen (wide tables scroll in their own box).
        await page.SetViewportSizeAsync(390, 844);
        await page.WaitForTimeoutAsync(200);
        var tooWide = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(tooWide, $"{path} is wider than a phone screen");
        tab.AssertClean();
    }
}
