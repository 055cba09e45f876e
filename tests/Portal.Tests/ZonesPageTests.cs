using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests;

[Collection(PortalCollection.Name)]
[Trait("Category", "Portal")]
public sealed class ZonesPageTests(PortalFixture portal)
{
    private static async Task<string[]> MapZoneIdsAsync(IPage page) =>
        (await page.Locator("#zones-map svg [data-zone-id]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.zoneId)")).Order().ToArray();

    private static async Task<string[]> ListZoneIdsAsync(IPage page) =>
        (await page.Locator("#zone-list li[data-zone-id]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.zoneId)")).Order().ToArray();

    private async Task<string[]> ApiZoneIdsAsync(string queryString)
    {
        var json = await portal.GetJsonAsync($"/api/v1/zones?pageSize=200{queryString}");
        return json.GetProperty("items").EnumerateArray().Select(z => z.GetProperty("id").GetString()!).Order().ToArray();
    }

    [Fact]
    public async Task Filtering_shows_the_matching_zones_on_the_map_and_in_the_list()
    {
        await using var tab = await PortalPage.OpenAsync(portal);
        var page = tab.Page;
        await tab.GotoAsync("/zones.html");

        var all = await ApiZoneIdsAsync("");
        Assert.NotEmpty(all);
        Assert.Equal(all, await MapZoneIdsAsync(page));
        Assert.Equal(all, await ListZoneIdsAsync(page));
        await tab.ScreenshotAsync("zones");

        // An investor wants gas and water in the zone, at most 5 km from a motorway junction.
        await page.GetByLabel("gaz", new() { Exact = true }).CheckAsync();
        await tab.WaitReadyAsync();
        await page.GetByLabel("woda", new() { Exact = true }).CheckAsync();
        await tab.WaitReadyAsync();
        await page.FillAsync("#f-max-km", "5");
        await page.ClickAsync("#zone-filters button[type=submit]");
        await tab.WaitReadyAsync();

        var expected = await ApiZoneIdsAsync("&utilities=gas,water&maxMotorwayKm=5");
        Assert.NotEmpty(expected);
        Assert.True(expected.Length < all.Length, "the filter should leave some zones out");
        Assert.Equal(expected, await MapZoneIdsAsync(page));
        Assert.Equal(expected, await ListZoneIdsAsync(page));
        Assert.Contains($"znaleziono: {expected.Length}", await page.TextContentAsync("#result-count"));
        Assert.Matches("utilities=(gas%2Cwater|water%2Cgas)", page.Url);
        var geoJsonHref = await page.GetAttributeAsync("#download-geojson", "href");
        Assert.Contains("format=geojson", geoJsonHref);
        Assert.Contains("maxMotorwayKm=5", geoJsonHref);

        // Hovering a zone in the list highlights it on the map.
        await page.HoverAsync($"#zone-list li[data-zone-id='{expected[0]}']");
        Assert.Equal(1, await page.Locator($"#zones-map path.zone-shape.selected[data-zone-id='{expected[0]}']").CountAsync());
        await tab.ScreenshotAsync("zones-filtered");

        // The CSV of the result.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-csv"));
        var csvPath = await download.PathAsync();
        var csv = await File.ReadAllLinesAsync(csvPath!);
        Assert.StartsWith("\uFEFFid;nazwa;gmina", csv[0]);
        Assert.Equal(expected.Length + 1, csv.Count(l => l.Length > 0));

        // The GeoJSON of the result, as the link gives it.
        using var geo = await portal.Http.GetAsync(geoJsonHref!.TrimStart('/'));
        Assert.True(geo.IsSuccessStatusCode);
        Assert.Contains("FeatureCollection", await geo.Content.ReadAsStringAsync());

        // A minimum free area nobody has: an empty map and list, said in words.
        await page.FillAsync("#f-min-area", "100000");
        await page.ClickAsync("#zone-filters button[type=submit]");
        await tab.WaitReadyAsync();
        Assert.Empty(await MapZoneIdsAsync(page));
        Assert.Contains("Żadna strefa", await page.TextContentAsync("#zone-list"));
        tab.AssertClean();
    }

    [Fact]
    public async Task A_zones_page_shows_plots_utilities_distances_and_contact()
    {
        var first = (await portal.GetJsonAsync("/api/v1/zones?sort=-area&pageSize=1")).GetProperty("items")[0];
        var id = first.GetProperty("id").GetString()!;
        await using var tab = await PortalPage.OpenAsync(portal);
        var page = tab.Page;
        await tab.GotoAsync("/zones.html");
        await page.ClickAsync($"#zone-list li[data-zone-id='{id}'] a");
        await tab.WaitForAddressAsync($"zone.html?id={id}");

        Assert.Equal(first.GetProperty("name").GetString(), (await page.TextContentAsync("h1"))?.Trim());
        Assert.Contains(first.GetProperty("name").GetString()!, await page.TitleAsync());
        Assert.Equal(6, await page.Locator("#utilities tbody tr").CountAsync());
        Assert.True(await page.Locator("#distances tbody tr").CountAsync() > 0);
        Assert.True(await page.Locator("#plots table, #plots p").CountAsync() > 0);
        Assert.Contains("@", await page.TextContentAsync("#contact"));
        Assert.Equal(1, await page.Locator($"#zone-map svg [data-zone-id='{id}']").CountAsync());
        await tab.ScreenshotAsync("zone");
        tab.AssertClean();
    }

    [Fact]
    public async Task A_zone_is_reached_from_the_map_with_the_keyboard()
    {
        await using var tab = await PortalPage.OpenAsync(portal);
        var page = tab.Page;
        await tab.GotoAsync("/zones.html");
        await page.FocusAsync("#zones-map [data-map]");
        await page.Keyboard.PressAsync("ArrowRight");   // panning with the keys keeps the focus on the map
        Assert.Equal("zones", await page.EvaluateAsync<string>("document.activeElement.dataset.map"));
        await page.Keyboard.PressAsync("Tab");
        var id = await page.EvaluateAsync<string>("document.activeElement.dataset.zoneMarker");
        Assert.False(string.IsNullOrEmpty(id), "Tab from the map moves to a zone on it");
        Assert.Equal(1, await page.Locator($"#zone-list li.selected[data-zone-id='{id}']").CountAsync());
        await page.Keyboard.PressAsync("Enter");
        await tab.WaitForAddressAsync($"zone.html?id={id}");
        Assert.Equal(1, await page.Locator("#contact").CountAsync());
        tab.AssertClean();
    }

    [Fact]
    public async Task The_map_draws_the_PRG_voivodeship_outlines_the_operator_loaded()
    {
        // deploy/run.sh gives the gateway ../shared/data/prg/wojewodztwa.geojson when it is beside the checkout.
        var config = await portal.GetJsonAsync("/config.json");
        Assert.Equal("data/voivodeships.geojson", config.GetProperty("voivodeshipOutlines").GetString());
        var outlines = await portal.GetJsonAsync("/data/voivodeships.geojson");
        Assert.Equal(16, outlines.GetProperty("features").GetArrayLength());

        await using var tab = await PortalPage.OpenAsync(portal);
        var page = tab.Page;
        await tab.GotoAsync("/zones.html");
        await Expect(page.Locator("#zones-map path.voivodeship-outline")).ToHaveCountAsync(16);
        // Offline by default: no base layer, so no tile is asked for.
        Assert.Equal(0, await page.Locator("#zones-map img.leaflet-tile").CountAsync());
        tab.AssertClean();
    }

    [Fact]
    public async Task With_a_tile_url_configured_the_map_draws_tiles_from_it()
    {
        await using var tab = await PortalPage.OpenAsync(portal);
        var page = tab.Page;
        // The shipped settings have no base layer (offline); here the browser is given one whose tiles it
        // serves itself, as a county's own tile server (or OpenStreetMap, the Geoportal's WMTS) would.
        var tilePng = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        var requested = new List<string>();
        var config = JsonSerializer.Serialize(new
        {
            defaultUnit = "1203",
            baseLayers = new[] { new { name = "Kafelki testowe", url = portal.BaseUrl + "/test-tiles/{z}/{x}/{y}.png", attribution = "© test tiles", maxZoom = 19 } },
        });
        await page.RouteAsync("**/config.json", route => route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = config }));
        await page.RouteAsync("**/test-tiles/**", route =>
        {
            requested.Add(new Uri(route.Request.Url).AbsolutePath);
            return route.FulfillAsync(new() { Status = 200, ContentType = "image/png", BodyBytes = tilePng });
        });
        await tab.GotoAsync("/zones.html");
        var hrefs = await page.Locator("#zones-map img.leaflet-tile").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('src'))");
        Assert.NotEmpty(hrefs);
        Assert.All(hrefs, h => Assert.Matches(@"/test-tiles/\d+/\d+/\d+\.png$", h));
        Assert.NotEmpty(requested);
        Assert.Contains("© test tiles", await page.TextContentAsync("#zones-map"));
        await tab.ScreenshotAsync("zones-tiles");
        tab.AssertClean();
    }

    [Fact]
    public async Task The_zones_page_works_on_a_phone_screen()
    {
        await using var tab = await PortalPage.OpenAsync(portal, width: 390, height: 844);
        var page = tab.Page;
        await tab.GotoAsync("/zones.html");
        Assert.True(await page.Locator("#zone-list li[data-zone-id]").CountAsync() > 0);
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the page is wider than a phone screen");
        await tab.ScreenshotAsync("zones-phone");
        tab.AssertClean();
    }
}
