using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests;

[Collection(PortalCollection.Name)]
[Trait("Category", "Portal")]
public sealed class LabourPageTests(PortalFixture portal)
{
    [Fact]
    public async Task Unemployment_charts_have_their_data_tables_source_and_revision()
    {
        await using var tab = await PortalPage.OpenAsync(portal);
        var page = tab.Page;
        await tab.GotoAsync("/labour.html");

        foreach (var section in new[] { "chart-county", "chart-gminy", "chart-sex", "chart-longterm" })
        {
            Assert.Equal(1, await page.Locator($"#{section} svg[role=img][aria-label]").CountAsync());
            Assert.True(await page.Locator($"#{section} table tbody tr").CountAsync() > 0, $"{section} has a data table");
            var source = await page.TextContentAsync($"#{section} .source");
            Assert.Contains("Źródło", source);
            Assert.Contains("Rewizja", source);
        }
        // The county series from 2015 to the latest year, as the API has it.
        var series = await portal.GetJsonAsync("/api/v1/labour/series?indicator=registered_unemployed&unit=1203&from=2015");
        var points = series.GetProperty("points");
        var rows = await page.Locator("#table-county tbody tr").CountAsync();
        Assert.Equal(points.GetArrayLength(), rows);
        Assert.Equal("2015", (await page.Locator("#table-county tbody tr th").First.TextContentAsync())?.Trim());
        // Every gmina of the county in the by-gmina table, named from the register.
        Assert.Equal(5, await page.Locator("#table-gminy tbody tr").CountAsync());
        Assert.Contains("powiat chrzanowski", await page.TextContentAsync("#c1-h"));
        Assert.Contains("gmin", await page.TextContentAsync("#c2-h"));
        await Expect(page.Locator("#f-unit")).ToHaveValueAsync("chrzanowski");
        await tab.ScreenshotAsync("labour");
        tab.AssertClean();
    }

    [Fact]
    public async Task The_charts_follow_the_units_chosen_in_the_territory_search()
    {
        await using var tab = await PortalPage.OpenAsync(portal);
        var page = tab.Page;
        await tab.GotoAsync("/labour.html");

        // Gmina Trzebinia instead of the county: its own series (yearly where it has them, else monthly).
        var unit = new TerritoryCombobox(page, "f-unit");
        await unit.ChooseAsync("Trzebinia", "Trzebinia —", "gmina miejsko-wiejska");
        await tab.WaitReadyAsync();
        Assert.Contains("unit=1203053", page.Url);
        Assert.Contains("gmina Trzebinia", await page.TextContentAsync("#c1-h"));
        var yearly = await portal.GetJsonAsync("/api/v1/labour/series?indicator=registered_unemployed&unit=1203053&from=2015");
        var points = yearly.GetProperty("points").GetArrayLength() > 0
            ? yearly.GetProperty("points")
            : (await portal.GetJsonAsync("/api/v1/labour/series?indicator=registered_unemployed&unit=1203053&from=2015-01")).GetProperty("points");
        Assert.True(points.GetArrayLength() > 0, "the demo data has figures for gmina Trzebinia");
        Assert.Equal(points.GetArrayLength(), await page.Locator("#table-county tbody tr").CountAsync());
        Assert.Equal(points[0].GetProperty("period").GetString(), (await page.Locator("#table-county tbody tr th").First.TextContentAsync())?.Trim());
        // The comparison: the gmina's town and rural area (the units within it).
        Assert.Equal(2, await page.Locator("#table-gminy tbody tr").CountAsync());

        // Libiąż added to the comparison: the chosen units only, as a removable chip.
        var compare = new TerritoryCombobox(page, "f-compare");
        await compare.ChooseAsync("Libiąż", "Libiąż —", "gmina miejsko-wiejska");
        await tab.WaitReadyAsync();
        Assert.Contains("compare=1203043", page.Url);
        Assert.Equal(1, await page.Locator("#compare-chips li").CountAsync());
        Assert.Equal(1, await page.Locator("#table-gminy tbody tr").CountAsync());
        Assert.Contains("gmina Libiąż", await page.TextContentAsync("#table-gminy tbody"));
        Assert.Equal(1, await page.Locator("#chart-gminy svg[role=img][aria-label]").CountAsync());
        await tab.ScreenshotAsync("labour-trzebinia");

        // Removed again: back to the units within Trzebinia.
        await page.GetByRole(AriaRole.Button, new() { Name = "Usuń z porównania: gmina Libiąż" }).ClickAsync();
        await tab.WaitReadyAsync();
        Assert.DoesNotContain("compare=", page.Url);
        Assert.Equal(2, await page.Locator("#table-gminy tbody tr").CountAsync());
        tab.AssertClean();
    }
}
