namespace Portal.Tests;

[Collection(PortalCollection.Name)]
[Trait("Category", "Portal")]
public sealed class UsersPageTests(PortalFixture portal)
{
    [Fact]
    public async Task An_administrator_creates_an_account_sees_its_one_time_password_once_and_the_change_is_audited()
    {
        await using var tab = await PortalPage.OpenAsync(portal, portal.Token("ADMIN_TOKEN"));
        var page = tab.Page;
        await tab.GotoAsync("/users.html");
        Assert.True(await page.Locator("#users-admin").IsVisibleAsync());
        Assert.True(await page.Locator("#users-table tbody tr[data-login='koordynator.chrzanow']").CountAsync() == 1);

        // A territory that is no TERYT code: the API's reason is shown, nothing is created.
        tab.Expected.Add(("/api/v1/admin/users", 400));
        var login = $"test.portal.{Guid.NewGuid().ToString("N")[..6]}";
        await page.FillAsync("#u-login", login);
        await page.FillAsync("#u-name", "Anna Testowa");
        await page.SelectOptionAsync("#u-role", "planner");
        await page.FillAsync("#u-territory", "12-03");
        await page.ClickAsync("#u-submit");
        await page.WaitForSelectorAsync("#user-form-field-errors");
        Assert.Contains("territory", await page.TextContentAsync("#user-form-field-errors"));
        Assert.Equal(0, await page.Locator($"#users-table tbody tr[data-login='{login}']").CountAsync());

        await page.FillAsync("#u-territory", "120305");
        await page.ClickAsync("#u-submit");
        await page.WaitForSelectorAsync("#otp-notice");
        var password = (await page.TextContentAsync("#otp-value"))!.Trim();
        Assert.True(password.Length >= 12);
        await page.WaitForSelectorAsync($"#users-table tbody tr[data-login='{login}']");
        Assert.Contains("hasła jednorazowego", await page.TextContentAsync($"#users-table tbody tr[data-login='{login}'] .user-state"));
        await tab.ScreenshotAsync("users");

        // A new one-time password replaces the first; both the creation and the reset are in the audit trail.
        await page.ClickAsync($"#users-table tbody tr[data-login='{login}'] button[data-action='reset-password']");
        for (var i = 0; i < 100 && (await page.TextContentAsync("#otp-value"))!.Trim() == password; i++) await Task.Delay(100);
        Assert.NotEqual(password, (await page.TextContentAsync("#otp-value"))!.Trim());
        await page.WaitForSelectorAsync($"#audit-table tbody tr[data-login='{login}'][data-action='password-reset']");
        Assert.Equal(1, await page.Locator($"#audit-table tbody tr[data-login='{login}'][data-action='created']").CountAsync());
        Assert.Contains("nowe hasło jednorazowe", await page.TextContentAsync($"#audit-table tbody tr[data-login='{login}'][data-action='password-reset']"));

        await page.ClickAsync($"#users-table tbody tr[data-login='{login}'] button[data-action='deactivate']");
        await page.WaitForSelectorAsync($"#users-table tbody tr[data-login='{login}'] button[data-action='activate']");
        Assert.Equal("wyłączone", (await page.TextContentAsync($"#users-table tbody tr[data-login='{login}'] .user-state"))!.Trim());
        tab.AssertClean();
    }

    [Fact]
    public async Task Someone_who_is_not_an_administrator_gets_no_account_list()
    {
        await using var tab = await PortalPage.OpenAsync(portal, portal.Token("COORDINATOR_TOKEN"));
        await tab.GotoAsync("/users.html");
        Assert.True(await tab.Page.Locator("#users-admin").IsHiddenAsync());
        Assert.Equal(0, await tab.Page.Locator("nav a[href='users.html']").CountAsync());
        tab.AssertClean();
    }
}
