using System.IO.Compression;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests;

[Collection(PortalCollection.Name)]
[Trait("Category", "Portal")]
public sealed class LabourPageTests(PortalFixture portal)
{
    private static readonly string[] Sections = ["chart-series", "chart-structure", "chart-context", "chart-units", "chart-longterm"];

    [Fact]
    public async Task Every_chart_is_drawn_by_the_chart_library_with_its_data_table_source_and_revision()
    {
        await using var tab = await PortalPage.OpenAsync(portal);
        var page = tab.Page;
        await tab.GotoAsync("/labour.html");

        foreach (var section in Sections)
        {
            Assert.True(await page.Locator($"#{section} .chart-box canvas[role=img][aria-label]").CountAsync() >= 1, $"{section} has a chart");
            Assert.True(await page.Locator($"#{section} table tbody tr").CountAsync() > 0, $"{section} has a data table");
            Assert.True(await page.Locator($"#{section} button[data-download=csv]").CountAsync() >= 1, $"{section} downloads as CSV");
            var source = await page.TextContentAsync($"#{section} .source");
            Assert.Contains("Źródło", source);
            Assert.Contains("Rewizja", source);
        }
        // The county has monthly figures: the page opens on them, one row per month the API has.
        await Expect(page.Locator("input[name=frequency][value=month]")).ToBeCheckedAsync();
        var monthly = (await portal.GetJsonAsync("/api/v1/labour/series?indicator=registered_unemployed&unit=1203&from=2015-01")).GetProperty("points");
        Assert.Equal(monthly.GetArrayLength(), await page.Locator("#table-series tbody tr").CountAsync());
        Assert.Equal("styczeń 2023", (await page.Locator("#table-series tbody tr th").First.TextContentAsync())?.Trim());
        Assert.Equal(monthly.GetArrayLength().ToString(), await page.GetAttributeAsync("#chart-series .chart-box", "data-points"));
        // Every gmina of the county in the units table, named from the register.
        Assert.Equal(5, await page.Locator("#table-units tbody tr").CountAsync());
        Assert.Contains("powiat chrzanowski", await page.TextContentAsync("#c1-h"));
        Assert.Contains("gmin", await page.TextContentAsync("#c4-h"));
        // Against the voivodeship and Poland: the unemployment rates of the three, month by month.
        var rateHeaders = await page.Locator("#table-rate thead th").AllTextContentsAsync();
        Assert.Equal(["Miesiąc", "powiat chrzanowski", "województwo małopolskie", "Polska"], rateHeaders.Select(x => x.Trim()).ToArray());
        await Expect(page.Locator("#f-unit")).ToHaveValueAsync("chrzanowski");
        await tab.ScreenshotAsync("labour");
        tab.AssertClean();
    }

    [Fact]
    public async Task Yearly_figures_a_span_of_years_and_the_structure_by_age_are_chosen_in_the_page()
    {
        await using var tab = await PortalPage.OpenAsync(portal);
        var page = tab.Page;
        await tab.GotoAsync("/labour.html?unit=1203");

        await page.CheckAsync("input[name=frequency][value=year]");
        await tab.WaitReadyAsync();
        Assert.Contains("frequency=year", page.Url);
        var yearly = (await portal.GetJsonAsync("/api/v1/labour/series?indicator=registered_unemployed&unit=1203&from=2015")).GetProperty("points");
        Assert.Equal(yearly.GetArrayLength(), await page.Locator("#table-series tbody tr").CountAsync());
        Assert.Equal("2015", (await page.Locator("#table-series tbody tr th").First.TextContentAsync())?.Trim());
        Assert.Equal("4 851", (await page.Locator("#table-series tbody tr").First.Locator("td").First.TextContentAsync())?.Replace('\u00a0', ' ').Trim());

        // 2018–2020 only.
        await page.SelectOptionAsync("#f-from", "2018");
        await tab.WaitReadyAsync();
        await page.SelectOptionAsync("#f-to", "2020");
        await tab.WaitReadyAsync();
        Assert.Contains("from=2018", page.Url);
        Assert.Equal(["2018", "2019", "2020"], (await page.Locator("#table-series tbody tr th").AllTextContentsAsync()).Select(x => x.Trim()).ToArray());

        // The structure by age of the monthly figures of 2023: six bands that add up to the month's total.
        await page.SelectOptionAsync("#f-from", "2023");
        await tab.WaitReadyAsync();
        await page.SelectOptionAsync("#f-to", "2023");
        await tab.WaitReadyAsync();
        await page.CheckAsync("input[name=frequency][value=month]");
        await tab.WaitReadyAsync();
        await page.SelectOptionAsync("#f-dimension", "age");
        await tab.WaitReadyAsync();
        Assert.Contains("Wiek", await page.TextContentAsync("#chart-structure h2"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(8, await page.Locator("#table-structure thead th").CountAsync()); // month, six bands, total
        Assert.Equal(12, await page.Locator("#table-structure tbody tr").CountAsync());
        var december = await page.Locator("#table-structure tbody tr").Last.Locator("td").AllTextContentsAsync();
        Assert.Equal("2 339", december[^1].Replace('\u00a0', ' ').Trim());
        await tab.ScreenshotAsync("labour-age");
        tab.AssertClean();
    }

    [Fact]
    public async Task The_page_draws_November_2026_for_Chrzanow_after_a_feed_of_that_month_and_downloads_it()
    {
        // The PUP's feed of November 2026 (the county and its gminy), as pup-feed sends it; the same figures again
        // are no new revision, so the test can run on any platform any number of times.
        using var pup = new HttpClient { BaseAddress = new Uri(portal.BaseUrl + "/") };
        pup.DefaultRequestHeaders.Add("x-api-key", portal.Token("PUP_CHRZANOW_API_KEY"));
        var figures = new (string Unit, int Value)[] { ("1203", 2187), ("1203013", 180), ("1203022", 560), ("1203033", 301), ("1203043", 391), ("1203053", 755) };
        using (var feed = await pup.PostAsJsonAsync("api/v1/labour/observations", new
        {
            batchId = "portal-test-2026-11", source = "PUP w Chrzanowie, MRiPS-01 za listopad 2026",
            rows = figures.Select(f => new { indicator = "registered_unemployed", unit = f.Unit, period = "2026-11", breakdown = "total", value = f.Value }).ToArray(),
        }))
            Assert.True(feed.IsSuccessStatusCode, $"the feed answered {(int)feed.StatusCode}: {await feed.Content.ReadAsStringAsync()}");

        await using var tab = await PortalPage.OpenAsync(portal);
        var page = tab.Page;
        await tab.GotoAsync("/labour.html?unit=1203");

        var last = page.Locator("#table-series tbody tr").Last;
        Assert.Equal("listopad 2026", (await last.Locator("th").TextContentAsync())?.Trim());
        Assert.Equal("2 187", (await last.Locator("td").First.TextContentAsync())?.Replace('\u00a0', ' ').Trim());
        Assert.Contains("listopad 2026", await page.GetAttributeAsync("#chart-series canvas", "aria-label"));
        // The chart holds the new month as its last point.
        var lastPoint = await page.EvaluateAsync<JsonElement>(
            "() => { const c = document.querySelector('#chart-series .chart-box').chart; const d = c.data.datasets[0].data; return { label: c.data.labels.at(-1), value: d.at(-1) }; }");
        Assert.Equal("lis 2026", lastPoint.GetProperty("label").GetString());
        Assert.Equal(2187, lastPoint.GetProperty("value").GetInt32());
        // The gminy compared at the latest month shown: November 2026.
        Assert.Contains("listopad 2026", await page.TextContentAsync("#table-units caption"));
        Assert.Contains("755", await page.TextContentAsync("#table-units tbody"));

        // The table as CSV for Polish Excel: BOM, ';', the month in words, the figure without grouping.
        var csv = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#chart-series button[data-download=csv]"));
        Assert.EndsWith(".csv", csv.SuggestedFilename);
        Assert.Contains("powiat-chrzanowski", csv.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync(await csv.PathAsync());
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Miesiąc;powiat chrzanowski;Rewizja", lines[0]);
        Assert.Equal("listopad 2026;2187;1", lines[^1]);

        // And as XLSX: a workbook whose sheet holds the same rows.
        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#chart-series button[data-download=xlsx]"));
        Assert.EndsWith(".xlsx", xlsx.SuggestedFilename);
        using var zip = ZipFile.OpenRead(await xlsx.PathAsync());
        var sheetXml = await new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open()).ReadToEndAsync();
        var strings = zip.GetEntry("xl/sharedStrings.xml") is { } shared ? await new StreamReader(shared.Open()).ReadToEndAsync() : sheetXml;
        Assert.Contains("listopad 2026", strings);
        Assert.Contains("<v>2187</v>", sheetXml);
        tab.AssertClean();
    }

    [Fact]
    public async Task The_charts_follow_the_units_chosen_in_the_territory_search()
    {
        await using var tab = await PortalPage.OpenAsync(portal);
        var page = tab.Page;
        await tab.GotoAsync("/labour.html");

        // Gmina Trzebinia instead of the county: its own monthly series.
        var unit = new TerritoryCombobox(page, "f-unit");
        await unit.ChooseAsync("Trzebinia", "Trzebinia —", "gmina miejsko-wiejska");
        await tab.WaitReadyAsync();
        Assert.Contains("unit=1203053", page.Url);
        Assert.Contains("gmina Trzebinia", await page.TextContentAsync("#c1-h"));
        var points = (await portal.GetJsonAsync("/api/v1/labour/series?indicator=registered_unemployed&unit=1203053&from=2015-01")).GetProperty("points");
        Assert.True(points.GetArrayLength() > 0, "the demo data has figures for gmina Trzebinia");
        Assert.Equal(points.GetArrayLength(), await page.Locator("#table-series tbody tr").CountAsync());
        // The comparison: the gmina's town and rural area (the units within it).
        Assert.Equal(2, await page.Locator("#table-units tbody tr").CountAsync());
        // Against its powiat: GUS gives no rate for a gmina, so the page says so and shows the units above it.
        Assert.Contains("gmina Trzebinia", await page.TextContentAsync("#chart-context"));
        Assert.Contains("powiat chrzanowski", await page.TextContentAsync("#table-rate thead"));

        // Libiąż added to the comparison: a second line in the series, the two gminy side by side.
        var compare = new TerritoryCombobox(page, "f-compare");
        await compare.ChooseAsync("Libiąż", "Libiąż —", "gmina miejsko-wiejska");
        await tab.WaitReadyAsync();
        Assert.Contains("compare=1203043", page.Url);
        Assert.Equal(1, await page.Locator("#compare-chips li").CountAsync());
        Assert.Equal(["Miesiąc", "gmina Trzebinia", "gmina Libiąż", "Rewizja"], (await page.Locator("#table-series thead th").AllTextContentsAsync()).Select(x => x.Trim()).ToArray());
        Assert.Equal(2, await page.Locator("#table-units tbody tr").CountAsync());
        Assert.Contains("gmina Libiąż", await page.TextContentAsync("#table-units tbody"));
        await tab.ScreenshotAsync("labour-trzebinia");

        // Removed again: back to the units within Trzebinia.
        await page.GetByRole(AriaRole.Button, new() { Name = "Usuń z porównania: gmina Libiąż" }).ClickAsync();
        await tab.WaitReadyAsync();
        Assert.DoesNotContain("compare=", page.Url);
        Assert.Equal(3, await page.Locator("#table-series thead th").CountAsync());
        tab.AssertClean();
    }
}
