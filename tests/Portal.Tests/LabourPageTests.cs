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
        // Every gmina of the county in the by-gmina table.
        Assert.Equal(5, await page.Locator("#table-gminy tbody tr").CountAsync());
        await tab.ScreenshotAsync("labour");
        tab.AssertClean();
    }
}
