using Microsoft.Playwright;

namespace Portal.Tests;

[Collection(PortalCollection.Name)]
[Trait("Category", "Portal")]
public sealed class ReportsPageTests(PortalFixture portal)
{
    [Fact]
    public async Task A_final_evaluation_runs_with_a_progress_bar_opens_in_the_page_and_downloads_as_docx()
    {
        await using var tab = await PortalPage.OpenAsync(portal, portal.Token("ANALYST_TOKEN"));
        var page = tab.Page;
        await tab.GotoAsync("/reports.html");

        await page.SelectOptionAsync("#r-kind", "final-evaluation");
        Assert.True(await page.Locator("#r-from").IsVisibleAsync());
        Assert.True(await page.Locator("#r-year").IsHiddenAsync());
        var from = await page.InputValueAsync("#r-from");
        var to = await page.InputValueAsync("#r-to");

        // Record the progress values the bar shows while the job runs.
        await page.EvaluateAsync(@"() => {
            window.__progress = [];
            const bar = document.getElementById('job-progress');
            new MutationObserver(() => window.__progress.push(Number(bar.value))).observe(bar, { attributes: true });
        }");
        await page.ClickAsync("#r-start");
        await page.WaitForSelectorAsync("#job:not([hidden]) #job-progress");
        Assert.True(await page.Locator("#job-progress").IsVisibleAsync());
        await page.WaitForSelectorAsync("body[data-report-state='succeeded'], body[data-report-state='failed']", new() { Timeout = 120_000 });
        Assert.Equal("succeeded", await page.GetAttributeAsync("body", "data-report-state"));
        Assert.Equal("100", await page.EvaluateAsync<string>("String(document.getElementById('job-progress').value)"));
        var seen = await page.EvaluateAsync<double[]>("window.__progress");
        Assert.NotEmpty(seen);
        Assert.Contains($"{from}–{to}", await page.TextContentAsync("#job-title"));

        // The HTML report in the page.
        var frame = page.FrameLocator("#report-frame");
        await frame.Locator("body").WaitForAsync();
        Assert.Contains("ewaluacja", (await frame.Locator("body").TextContentAsync())!.ToLowerInvariant());
        await tab.ScreenshotAsync("reports");

        // DOCX, PDF and CSV links; the DOCX downloads as a Word file (a ZIP package).
        foreach (var format in new[] { "docx", "pdf", "csv" })
            Assert.Equal(1, await page.Locator($"#job-downloads a[data-format='{format}']").CountAsync());
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#job-downloads a[data-format='docx']"));
        Assert.EndsWith(".docx", download.SuggestedFilename);
        Assert.StartsWith("ewaluacja-koncowa-powiat-chrzanowski-", download.SuggestedFilename); // the server's name: kind, owner, period — not raport-<uuid>
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.True(bytes.Length > 1000 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K', "the DOCX is a ZIP package");

        // Listed among the earlier reports.
        await page.ReloadAsync(new() { WaitUntil = WaitUntilState.NetworkIdle });
        await tab.WaitReadyAsync();
        Assert.True(await page.Locator("#reports-table tbody tr").CountAsync() > 0);
        tab.AssertClean();
    }

    [Fact]
    public async Task An_analyst_adds_a_foreword_to_the_draft_and_publishes_it_for_everyone()
    {
        await using var tab = await PortalPage.OpenAsync(portal, portal.Token("ANALYST_TOKEN"));
        var page = tab.Page;
        await tab.GotoAsync("/reports.html");
        await page.SelectOptionAsync("#r-kind", "yearly-monitoring");
        await page.ClickAsync("#r-start");
        await page.WaitForSelectorAsync("body[data-report-state='succeeded'], body[data-report-state='failed']", new() { Timeout = 120_000 });
        Assert.Equal("succeeded", await page.GetAttributeAsync("body", "data-report-state"));
        Assert.Contains("Wersja robocza", await page.TextContentAsync("#job-publication"));
        var id = new Uri(page.Url).Query.Split("report=")[1];

        // The foreword goes into the files made again; the preview shows it.
        const string foreword = "Raport przygotowany na sesję Rady Powiatu – test portalu.";
        await page.FillAsync("#d-foreword", foreword);
        await page.ClickAsync("#d-save");
        await page.WaitForSelectorAsync("#job-publication:has-text('zmiany: 1')", new() { Timeout = 120_000 });
        await page.WaitForSelectorAsync("body[data-report-state='succeeded']");
        Assert.Contains(foreword, await page.FrameLocator("#report-frame").Locator("body").TextContentAsync());

        // Anonymous readers do not see the draft yet; once published they do.
        using var anonymous = new HttpClient { BaseAddress = new Uri(portal.BaseUrl + "/") };
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await anonymous.GetAsync($"api/v1/reports/{id}")).StatusCode);
        await page.ClickAsync("#d-publish");
        await page.WaitForSelectorAsync("#job-publication:has-text('Opublikowany')");
        Assert.True(await page.Locator("#job-draft").IsHiddenAsync());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await anonymous.GetAsync($"api/v1/reports/{id}")).StatusCode);
        Assert.Contains(foreword, await anonymous.GetStringAsync($"api/v1/reports/{id}/content.html"));
        await tab.ScreenshotAsync("reports-published");
        tab.AssertClean();
    }

    [Fact]
    public async Task A_coordinator_reads_reports_but_is_told_analysts_make_them()
    {
        await using var tab = await PortalPage.OpenAsync(portal, portal.Token("COORDINATOR_TOKEN"));
        var page = tab.Page;
        await tab.GotoAsync("/reports.html");
        Assert.True(await page.Locator("#r-start").IsHiddenAsync());
        Assert.Contains("analitycy", await page.TextContentAsync("#r-signin-note"));
        Assert.True(await page.Locator("#r-signin-note").IsVisibleAsync());
        tab.AssertClean();
    }
}
