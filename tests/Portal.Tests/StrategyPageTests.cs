using System.Text.Json;
using Microsoft.Playwright;

namespace Portal.Tests;

[Collection(PortalCollection.Name)]
[Trait("Category", "Portal")]
public sealed class StrategyPageTests(PortalFixture portal)
{
    /// <summary>
    /// The demo strategy, owned within powiat chrzanowski (1203), where the demo coordinator may write; other strategies
    /// (a functional area imported by hand, say) may come first in the catalogue.
    /// </summary>
    private async Task<JsonElement> DemoStrategyAsync()
    {
        var list = await portal.GetJsonAsync("/api/v1/catalogue/strategies?territory=1203&pageSize=100");
        var items = list.GetProperty("items").EnumerateArray()
            .Where(s => s.GetProperty("owner").GetProperty("units").EnumerateArray().All(u => u.GetString()!.StartsWith("1203", StringComparison.Ordinal)))
            .ToList();
        Assert.True(items.Count > 0, "the catalogue holds no strategy of powiat chrzanowski (the demo strategy is imported at start-up)");
        return items[0];
    }

    private static int Number(string? text) => int.Parse(new string((text ?? "").Where(char.IsDigit).ToArray()));

    [Fact]
    public async Task The_dashboard_shows_the_tree_with_counts_and_a_direction_shows_its_history()
    {
        var strategy = await DemoStrategyAsync();
        var period = $"{strategy.GetProperty("periodFrom").GetInt32()}-{strategy.GetProperty("periodTo").GetInt32()}";
        await using var tab = await PortalPage.OpenAsync(portal);
        var page = tab.Page;
        await tab.GotoAsync($"/strategy.html?strategy={strategy.GetProperty("id").GetString()}&year={period}");

        Assert.Equal(strategy.GetProperty("name").GetString(), (await page.TextContentAsync("#strategy-name"))?.Trim());
        Assert.Equal(strategy.GetProperty("directionCount").GetInt32(), Number(await page.TextContentAsync("#sum-directions")));
        Assert.True(await page.Locator("#tree-body li[data-node-id]").CountAsync() > 4);
        Assert.True(await page.Locator("#tree-body .bar").CountAsync() > 0);
        // The document's own summary set against its table, contradictions marked (the seed's I.4.13).
        if (await page.Locator("#document-check").IsVisibleAsync())
            Assert.True(await page.Locator("#document-check-table tr[data-agrees='false']").CountAsync() > 0,
                "the final evaluation's summary contradicts its table for I.4.13; the dashboard should say so");
        await tab.ScreenshotAsync("strategy");

        // Filter by status: every listed direction has that status for the period.
        await page.SelectOptionAsync("#f-status", "partial");
        await tab.WaitReadyAsync();
        var chips = await page.Locator("#directions-table tbody tr td:nth-child(3) .chip").AllTextContentsAsync();
        Assert.All(chips, c => Assert.Equal("realizacja częściowa", c.Trim()));
        await page.SelectOptionAsync("#f-status", "");
        await tab.WaitReadyAsync();

        // Area-wide projects only.
        await page.SelectOptionAsync("#f-areawide", "true");
        await tab.WaitReadyAsync();
        var areaWide = await page.Locator("#directions-table tbody tr td:nth-child(5)").AllTextContentsAsync();
        Assert.NotEmpty(areaWide);
        Assert.All(areaWide, c => Assert.Equal("tak", c.Trim()));

        // Open a direction: its history.
        var link = page.Locator("#directions-table tbody tr td:first-child a").First;
        var code = (await link.TextContentAsync())!.Trim();
        await link.ClickAsync();
        await tab.WaitForAddressAsync("/direction.html");
        Assert.StartsWith(code, (await page.TextContentAsync("#direction-title"))!.Trim());
        Assert.True(await page.Locator("#history-table tbody tr").CountAsync() > 0);
        Assert.True(await page.Locator($"#history-table tbody tr[data-period='{period}']").CountAsync() >= 1, "the whole period's entry is in the history");
        Assert.Equal(1, await page.Locator("#timeline svg[role=img][aria-label]").CountAsync());
        await tab.ScreenshotAsync("direction");
        tab.AssertClean();
    }

    [Fact]
    public async Task A_coordinator_signs_in_with_login_and_password_records_an_entry_signs_out_and_is_refused_afterwards()
    {
        // A new coordinator of powiat chrzanowski, as the administrator makes one: a one-time password to replace.
        var (login, oneTimePassword) = await Accounts.CreateAsync(portal, "coordinator", "1203", "Koordynator testu portalu");
        var strategy = await DemoStrategyAsync();
        var id = strategy.GetProperty("id").GetString();
        var from = strategy.GetProperty("periodFrom").GetInt32();
        var to = strategy.GetProperty("periodTo").GetInt32();
        // Earlier runs filled some years: take the latest year that still has a direction without an entry.
        var year = 0;
        for (var y = Math.Min(DateTime.UtcNow.Year, to); y >= from && year == 0; y--)
        {
            var missing = await portal.GetJsonAsync($"/api/v1/catalogue/strategies/{id}/missing-entries?year={y}&pageSize=1");
            if (missing.GetProperty("total").GetInt32() > 0) year = y;
        }
        Assert.True(year > 0, $"every direction already has an entry for every year {from}–{to}: reset the demo data");

        await using var tab = await PortalPage.OpenAsync(portal);
        var page = tab.Page;

        // Sign in from the dashboard: the gateway's login page, the one-time password, a password of one's own, then back.
        await tab.GotoAsync($"/strategy.html?strategy={id}&year={year}");
        await page.ClickAsync("#sign-in");
        await tab.WaitForAddressAsync("/account/login");
        await tab.ScreenshotAsync("signin");
        tab.Expected.Add(("/account/", 400));
        await Accounts.SubmitPasswordAsync(page, login, oneTimePassword);
        await page.WaitForSelectorAsync("#change-password-form");
        await page.FillAsync("#newPassword", "krotkie");
        await page.FillAsync("#confirmPassword", "krotkie");
        await page.ClickAsync("#change-password-form button[type=submit]");
        Assert.Contains("co najmniej 12 znaków", await page.TextContentAsync("#account-error"));
        await page.FillAsync("#newPassword", Accounts.NewPassword);
        await page.FillAsync("#confirmPassword", Accounts.NewPassword);
        await page.ClickAsync("#change-password-form button[type=submit]");
        await page.WaitForSelectorAsync("#account-ok");
        await tab.ScreenshotAsync("signin-password-changed");
        await Accounts.SubmitPasswordAsync(page, login, Accounts.NewPassword);
        await tab.WaitForAddressAsync("/strategy.html");
        await tab.WaitReadyAsync();
        Assert.Contains("Koordynator testu portalu", await page.TextContentAsync("#site-header"));

        var missingBefore = Number(await page.TextContentAsync("#sum-missing"));
        var reportedBefore = Number(await page.TextContentAsync("#sum-reported"));
        var continuousBefore = Number(await page.TextContentAsync("[data-count='continuous']"));
        Assert.True(missingBefore > 0);
        Assert.False(await page.Locator("#missing-section").IsHiddenAsync());
        var missingItems = await page.Locator("#missing-list li").CountAsync();
        Assert.Equal(missingBefore, missingItems);

        // Open the first direction still missing this year's entry.
        var item = page.Locator("#missing-list li").First;
        var code = await item.GetAttributeAsync("data-code");
        await item.Locator("a").ClickAsync();
        await tab.WaitForAddressAsync("/direction.html");
        var directionUrl = page.Url;
        Assert.False(await page.Locator("#record").IsHiddenAsync());
        Assert.Equal(year.ToString(), await page.InputValueAsync("#e-year"));

        // Without a status the API refuses it; its message is shown next to the field.
        tab.Expected.Add(("/entries", 400));
        await page.ClickAsync("#e-submit");
        await page.WaitForSelectorAsync("#e-status-error");
        Assert.Equal("true", await page.GetAttributeAsync("#e-status", "aria-invalid"));
        Assert.Contains("wymagane", await page.TextContentAsync("#e-status-error"));
        await tab.ScreenshotAsync("direction-validation");

        await page.SelectOptionAsync("#e-status", "continuous");
        await page.SelectOptionAsync("#e-realized", "true");
        await page.FillAsync("#e-description", $"Wpis testu portalu za {year} r.");
        await page.FillAsync("#e-implementers", "Starostwo Powiatowe w Chrzanowie");
        await page.ClickAsync("#e-submit");
        await page.WaitForSelectorAsync("#record-ok");
        await tab.WaitReadyAsync();
        // One entry in force for the year (earlier runs' withdrawn versions stay in the history, greyed).
        Assert.Equal(1, await page.Locator($"#history-table tbody tr[data-period='{year}'][data-withdrawn='false']:not(.muted)").CountAsync());
        Assert.Equal(0, await page.Locator("#e-status-error").CountAsync());
        await tab.ScreenshotAsync("direction-recorded");

        // Back on the dashboard the counts moved.
        await page.ClickAsync("#back-link");
        await tab.WaitForAddressAsync("/strategy.html");
        Assert.Equal(missingBefore - 1, Number(await page.TextContentAsync("#sum-missing")));
        Assert.Equal(reportedBefore + 1, Number(await page.TextContentAsync("#sum-reported")));
        Assert.Equal(continuousBefore + 1, Number(await page.TextContentAsync("[data-count='continuous']")));
        Assert.Equal(0, await page.Locator($"#missing-list li[data-code='{code}']").CountAsync());
        await tab.ScreenshotAsync("strategy-after-entry");

        // The entry was a test: the coordinator withdraws it on the direction page, and the demo data is as it was.
        await page.GoBackAsync();
        await tab.WaitForAddressAsync("/direction.html");
        await tab.WaitReadyAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.ClickAsync($"#history-table tbody tr[data-period='{year}'][data-withdrawn='false'] button.withdraw");
        await page.WaitForSelectorAsync("#withdraw-ok");
        await page.WaitForSelectorAsync($"#history-table tbody tr[data-period='{year}'][data-withdrawn='true']");
        Assert.Equal(0, await page.Locator($"#history-table tbody tr[data-period='{year}'] button.withdraw").CountAsync());
        await page.ClickAsync("#back-link");
        await tab.WaitForAddressAsync("/strategy.html");
        await tab.WaitReadyAsync();
        Assert.Equal(missingBefore, Number(await page.TextContentAsync("#sum-missing")));
        Assert.Equal(1, await page.Locator($"#missing-list li[data-code='{code}']").CountAsync());

        // Sign out: the tokens are revoked at the gateway, so even a copy of the access token is refused afterwards.
        var accessToken = await page.EvaluateAsync<string>("sessionStorage.getItem('portal.token')");
        using (var before = new HttpRequestMessage(HttpMethod.Get, "api/v1/catalogue/strategies?pageSize=1"))
        {
            before.Headers.Authorization = new("Bearer", accessToken);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await portal.Http.SendAsync(before)).StatusCode);
        }
        await page.ClickAsync("#sign-out");
        await page.WaitForSelectorAsync("#sign-in");
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('portal.token')"));
        using (var after = new HttpRequestMessage(HttpMethod.Post, $"api/v1/catalogue/directions/{Guid.NewGuid()}/entries"))
        {
            after.Headers.Authorization = new("Bearer", accessToken);
            after.Content = System.Net.Http.Json.JsonContent.Create(new { year, status = "continuous", realized = true, description = "po wylogowaniu" });
            using var refused = await portal.Http.SendAsync(after);
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        // The browser is signed out too: the direction page offers no recording form, and the provider asks for the password again.
        await tab.GotoAsync(new Uri(directionUrl).PathAndQuery);
        Assert.True(await page.Locator("#record").IsHiddenAsync());
        await page.ClickAsync("#sign-in");
        await tab.WaitForAddressAsync("/account/login");
        tab.AssertClean();
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var (login, oneTimePassword) = await Accounts.CreateAsync(portal, "planner", "120305", "Planista testu blokady");
        await using var tab = await PortalPage.OpenAsync(portal);
        var page = tab.Page;
        tab.Expected.Add(("/account/login", 401));
        tab.Expected.Add(("/account/login", 403));
        await tab.GotoAsync("/signin.html");
        await page.ClickAsync("#signin-start");
        await tab.WaitForAddressAsync("/account/login");
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await Accounts.SubmitPasswordAsync(page, login, $"Zle-haslo-{attempt}");
            Assert.True(await page.Locator("#account-error").IsVisibleAsync());
        }
        Assert.Contains("zablokowane", await page.TextContentAsync("#account-error"));
        await tab.ScreenshotAsync("signin-locked");
        // The right password no longer opens it.
        await Accounts.SubmitPasswordAsync(page, login, oneTimePassword);
        Assert.Contains("zablokowane", await page.TextContentAsync("#account-error"));
        Assert.Equal(0, await page.Locator("#change-password-form").CountAsync());
        var account = await Accounts.UserAsync(portal, login);
        Assert.NotEqual(JsonValueKind.Null, account.GetProperty("lockedUntil").ValueKind);
        tab.AssertClean();
    }

    [Fact]
    public async Task The_dashboard_opens_on_the_latest_period_with_entries_and_shows_coverage_beside_progress()
    {
        var strategy = await DemoStrategyAsync();
        var id = strategy.GetProperty("id").GetString();
        var (from, to) = (strategy.GetProperty("periodFrom").GetInt32(), strategy.GetProperty("periodTo").GetInt32());
        var all = strategy.GetProperty("directionCount").GetInt32();
        await using var tab = await PortalPage.OpenAsync(portal);
        var page = tab.Page;

        // No period asked for: the whole period, where the final evaluation recorded every direction (not an empty current year).
        await tab.GotoAsync($"/strategy.html?strategy={id}");
        Assert.Equal($"{from}-{to}", await page.InputValueAsync("#f-year"));
        Assert.Equal($"{all} z {all}", Normal(await page.TextContentAsync("#sum-coverage")));
        Assert.Contains($"na podstawie {all} z {all} kierunków", Normal(await page.TextContentAsync("#sum-progress-note")));
        var option = Normal(await page.Locator("#f-year option:checked").TextContentAsync());
        Assert.Contains($"wpisy: {all} z {all}", option);
        Assert.True(await page.EvaluateAsync<bool>("() => { const s = document.querySelector('#f-year'); return s.scrollWidth <= s.clientWidth + 1; }"),
            $"the period's label is cut off: {option}");
        // A status chart per area and the coverage by year, each linking to the directions behind it.
        Assert.True(await page.Locator("#areas-table tbody tr").CountAsync() >= 3);
        Assert.Equal(all.ToString(), await page.GetAttributeAsync($"#coverage-timeline tr[data-period='{from}-{to}']", "data-reported"));
        await tab.ScreenshotAsync("strategy-whole-period");

        // One 2023 entry (recorded through the API as a coordinator would): the 2023 view says from how many directions.
        var before = strategy.GetProperty("entryPeriods").EnumerateArray()
            .Where(p => p.GetProperty("yearFrom").GetInt32() == 2023 && p.GetProperty("yearTo").GetInt32() == 2023)
            .Select(p => p.GetProperty("directions").GetInt32()).SingleOrDefault();
        var missing = await portal.GetJsonAsync($"/api/v1/catalogue/strategies/{id}/missing-entries?year=2023&pageSize=1");
        var direction = missing.GetProperty("items")[0].GetProperty("id").GetString();
        var token = portal.Token("COORDINATOR_TOKEN");
        // An entry withdrawn by an earlier run is a version too: the next one follows it.
        var history = await portal.GetJsonAsync($"/api/v1/catalogue/directions/{direction}/entries?year=2023");
        var latest = history.EnumerateArray().Where(e => e.GetProperty("yearFrom").GetInt32() == 2023 && e.GetProperty("yearTo").GetInt32() == 2023)
            .Select(e => e.GetProperty("version").GetInt32()).DefaultIfEmpty(0).Max();
        var (created, entry) = await SendAsync(HttpMethod.Post, $"/api/v1/catalogue/directions/{direction}/entries", token,
            new { year = 2023, status = "completed", realized = true, description = "Wpis testu pulpitu", expectedVersion = latest });
        Assert.Equal(System.Net.HttpStatusCode.Created, created);
        try
        {
            await tab.GotoAsync($"/strategy.html?strategy={id}&year=2023");
            var note = Normal(await page.TextContentAsync("#sum-progress-note"));
            Assert.Contains($"{before + 1} z {all}", note);
            Assert.Equal($"{before + 1} z {all}", Normal(await page.TextContentAsync("#sum-coverage")));
            if ((before + 1) * 2 < all)
            {
                Assert.Equal("true", await page.GetAttributeAsync("#sum-progress-note span", "data-minority"));
                Assert.Contains("postęp nie opisuje całej strategii", note);
            }
            Assert.Contains($"2023 – wpisy: {before + 1} z {all}", Normal(await page.Locator("#f-year option[value='2023']").TextContentAsync()));
            await tab.ScreenshotAsync("strategy-2023-minority");

            // Every number is a link to its directions: the "completed" count opens the list of completed directions.
            await page.ClickAsync("#status-counts td[data-count='completed'] a");
            await tab.WaitForAddressAsync("status=completed");
            await tab.WaitReadyAsync();
            var chips = await page.Locator("#directions-table tbody tr td:nth-child(3) .chip").AllTextContentsAsync();
            Assert.NotEmpty(chips);
            Assert.All(chips, c => Assert.Equal("zrealizowany", c.Trim()));
            tab.AssertClean();
        }
        finally
        {
            // Leave no entry behind in the demo data: the entry is withdrawn (the history keeps both versions).
            var (withdrawn, _) = await SendAsync(HttpMethod.Delete,
                $"/api/v1/catalogue/directions/{direction}/entries?year=2023&expectedVersion={entry.GetProperty("version").GetInt32()}", token, null);
            Assert.Equal(System.Net.HttpStatusCode.OK, withdrawn);
        }
    }

    private static string Normal(string? text) => string.Join(' ', (text ?? "").Replace('\u00a0', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private async Task<(System.Net.HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string token, object? body)
    {
        using var request = new HttpRequestMessage(method, portal.BaseUrl + path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = System.Net.Http.Json.JsonContent.Create(body);
        using var response = await portal.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
