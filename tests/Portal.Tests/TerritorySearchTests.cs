using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests;

/// <summary>
/// The territory search over the TERYT register on the zones filter and the home page's strategy list.
/// Needs the full register (deploy/run.sh loads it from ../shared/data/teryt or PLATFORM_TERC_FILE): Skawina
/// is in powiat krakowski, outside the demo subset.
/// </summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "Portal")]
public sealed class TerritorySearchTests(PortalFixture portal)
{
    private const string DemoStrategy = "Strategia Rozwoju Powiatu Chrzanowskiego";

    private static async Task<string[]> MapZoneIdsAsync(IPage page) =>
        (await page.Locator("#zones-map svg [data-zone-id]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.zoneId)")).Order().ToArray();

    private static async Task<string[]> ListZoneIdsAsync(IPage page) =>
        (await page.Locator("#zone-list li[data-zone-id]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.zoneId)")).Order().ToArray();

    private async Task<string[]> ApiIdsAsync(string path)
    {
        var json = await portal.GetJsonAsync(path);
        return json.GetProperty("items").EnumerateArray().Select(z => z.GetProperty("id").GetString()!).Order().ToArray();
    }

    private async Task EnsureFullRegisterAsync()
    {
        var found = await portal.GetJsonAsync("/api/v1/territory/units?q=Skawina&level=gmina");
        Assert.True(found.GetProperty("total").GetInt32() > 0,
            "Skawina is not in the TERYT register: these tests need the full register (deploy/run.sh loads it from ../shared/data/teryt/*.csv or PLATFORM_TERC_FILE).");
    }

    [Fact]
    public async Task Typing_skaw_in_the_zones_filter_offers_Skawina_and_choosing_an_area_filters_the_zones()
    {
        await EnsureFullRegisterAsync();
        await using var tab = await PortalPage.OpenAsync(portal);
        var page = tab.Page;
        await tab.GotoAsync("/zones.html");
        var area = new TerritoryCombobox(page, "f-territory");

        // "skaw" finds the gmina, said with its powiat and voivodeship (the filter takes gminy, powiaty, voivodeships).
        await area.TypeAsync("skaw");
        var skawina = area.Option("Skawina —");
        await Expect(skawina).ToHaveCountAsync(1);
        Assert.Contains("gmina miejsko-wiejska, powiat krakowski, małopolskie", await skawina.TextContentAsync());
        Assert.Equal("1206113", await skawina.GetAttributeAsync("data-code"));
        await Expect(area.Input).ToHaveAttributeAsync("aria-expanded", "true");
        await skawina.ClickAsync();
        await tab.WaitReadyAsync();

        // No demo zone lies in Skawina: an empty map and list, said in Polish.
        Assert.Contains("gmina=1206113", page.Url);
        await Expect(area.Input).ToHaveValueAsync("Skawina");
        await Expect(area.Input).ToHaveAttributeAsync("aria-expanded", "false");
        Assert.Contains("powiat krakowski", await area.Chosen.TextContentAsync());
        Assert.Empty(await ApiIdsAsync("/api/v1/zones?pageSize=200&gmina=1206113"));
        Assert.Empty(await ListZoneIdsAsync(page));
        Assert.Empty(await MapZoneIdsAsync(page));
        Assert.Contains("Żadna strefa nie spełnia kryteriów.", await page.TextContentAsync("#zone-list"));
        Assert.Contains("znaleziono: 0", await page.TextContentAsync("#result-count"));
        await tab.ScreenshotAsync("zones-skawina");

        // Powiat chrzanowski: the demo zones, as the API gives them for ?powiat=1203.
        await area.ChooseAsync("chrzanowski", "chrzanowski — powiat");
        await tab.WaitReadyAsync();
        Assert.Contains("powiat=1203", page.Url);
        Assert.DoesNotContain("gmina=", page.Url);
        var expected = await ApiIdsAsync("/api/v1/zones?pageSize=200&powiat=1203");
        Assert.NotEmpty(expected);
        Assert.Equal(expected, await ListZoneIdsAsync(page));
        Assert.Equal(expected, await MapZoneIdsAsync(page));
        Assert.Contains($"znaleziono: {expected.Length}", await page.TextContentAsync("#result-count"));

        // The address keeps the choice: opened again, the field shows the powiat from the register.
        await tab.GotoAsync(page.Url);
        await Expect(area.Input).ToHaveValueAsync("chrzanowski");
        Assert.Equal(expected, await ListZoneIdsAsync(page));
        tab.AssertClean();
    }

    [Fact]
    public async Task The_strategy_list_filtered_by_Chrzanow_shows_the_demo_strategy_and_by_Skawina_does_not()
    {
        await EnsureFullRegisterAsync();
        var all = (await portal.GetJsonAsync("/api/v1/catalogue/strategies?pageSize=100")).GetProperty("items").EnumerateArray().ToList();
        var demo = all.FirstOrDefault(s => s.GetProperty("name").GetString()!.StartsWith(DemoStrategy, StringComparison.Ordinal));
        Assert.True(demo.ValueKind == JsonValueKind.Object, $"the demo strategy ({DemoStrategy} …) is not in the catalogue");
        var demoItem = $"#strategy-list li[data-strategy-id='{demo.GetProperty("id").GetString()}']";

        await using var tab = await PortalPage.OpenAsync(portal);
        var page = tab.Page;
        await tab.GotoAsync("/");
        Assert.Equal(1, await page.Locator(demoItem).CountAsync());
        var area = new TerritoryCombobox(page, "f-territory");

        // Two gminy are called Chrzanów; the one in powiat chrzanowski is told apart by its path.
        await area.TypeAsync("Chrzanów");
        await Expect(area.Option("Chrzanów —", "powiat janowski, lubelskie")).ToHaveCountAsync(1);
        await area.Option("Chrzanów —", "powiat chrzanowski, małopolskie").ClickAsync();
        await tab.WaitReadyAsync();
        Assert.Contains("territory=1203033", page.Url);
        Assert.Equal(1, await page.Locator(demoItem).CountAsync());
        Assert.Equal(await ApiIdsAsync("/api/v1/catalogue/strategies?pageSize=100&territory=1203033"),
            (await page.Locator("#strategy-list li[data-strategy-id]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.strategyId)")).Order().ToArray());
        Assert.Contains("Chrzanów", await page.TextContentAsync("#strategy-count"));
        await tab.ScreenshotAsync("home-strategies-chrzanow");

        // Skawina (powiat krakowski): the county's strategy does not concern it.
        await area.ChooseAsync("skaw", "Skawina —", "powiat krakowski");
        await tab.WaitReadyAsync();
        Assert.Contains("territory=1206113", page.Url);
        Assert.Equal(0, await page.Locator(demoItem).CountAsync());
        var expected = await ApiIdsAsync("/api/v1/catalogue/strategies?pageSize=100&territory=1206113");
        Assert.Equal(expected,
            (await page.Locator("#strategy-list li[data-strategy-id]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.strategyId)")).Order().ToArray());
        if (expected.Length == 0)
            Assert.Contains("Żadna strategia w katalogu nie dotyczy obszaru", await page.TextContentAsync("#strategy-list"));

        // Clearing the choice brings the whole catalogue back.
        await page.GetByRole(AriaRole.Button, new() { Name = "Wyczyść wybór" }).ClickAsync();
        await tab.WaitReadyAsync();
        Assert.DoesNotContain("territory=", page.Url);
        Assert.Equal(1, await page.Locator(demoItem).CountAsync());
        tab.AssertClean();
    }

    [Fact]
    public async Task The_area_search_works_with_the_keyboard_alone()
    {
        await using var tab = await PortalPage.OpenAsync(portal);
        var page = tab.Page;
        await tab.GotoAsync("/zones.html");
        var area = new TerritoryCombobox(page, "f-territory");
        var input = area.Input;
        var activeId = () => page.EvaluateAsync<string>("document.activeElement.id");

        // Tab from the top of the page reaches the field.
        for (var i = 0; i < 40 && await activeId() != "f-territory"; i++) await page.Keyboard.PressAsync("Tab");
        Assert.Equal("f-territory", await activeId());
        Assert.Equal("combobox", await input.GetAttributeAsync("role"));
        Assert.Equal("f-territory-listbox", await input.GetAttributeAsync("aria-controls"));
        Assert.Equal("false", await input.GetAttributeAsync("aria-expanded"));

        // Typing opens the list; nothing is active until an arrow key moves into it.
        await page.Keyboard.TypeAsync("chrzan", new KeyboardTypeOptions { Delay = 30 });
        await Expect(input).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(area.Option("chrzanowski — powiat")).ToHaveCountAsync(1);
        var count = await area.Options.CountAsync();
        Assert.True(count >= 2, "\"chrzan\" matches at least gmina Chrzanów and powiat chrzanowski");
        Assert.Null(await input.GetAttributeAsync("aria-activedescendant"));
        var ids = await area.Options.EvaluateAllAsync<string[]>("els => els.map(e => e.id)");

        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(input).ToHaveAttributeAsync("aria-activedescendant", ids[0]);
        await Expect(area.Options.Nth(0)).ToHaveAttributeAsync("aria-selected", "true");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(input).ToHaveAttributeAsync("aria-activedescendant", ids[1]);
        await Expect(area.Options.Nth(0)).ToHaveAttributeAsync("aria-selected", "false");
        await page.Keyboard.PressAsync("ArrowUp");
        await page.Keyboard.PressAsync("ArrowUp");   // from the first option up wraps to the last
        await Expect(input).ToHaveAttributeAsync("aria-activedescendant", ids[^1]);
        Assert.Equal("f-territory", await activeId());   // the focus never left the field
        await tab.ScreenshotAsync("territory-search-open");

        // Escape closes the list and chooses nothing.
        await page.Keyboard.PressAsync("Escape");
        await Expect(input).ToHaveAttributeAsync("aria-expanded", "false");
        Assert.Null(await input.GetAttributeAsync("aria-activedescendant"));
        await Expect(area.Options).ToHaveCountAsync(0);
        await Expect(input).ToHaveValueAsync("chrzan");
        Assert.DoesNotContain("powiat=", page.Url);

        // Down opens it again; the arrows go to powiat chrzanowski and Enter chooses it.
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(input).ToHaveAttributeAsync("aria-activedescendant", ids[0]);
        for (var i = 0; i < count && !(await ActiveOptionTextAsync(page)).Contains("chrzanowski — powiat", StringComparison.Ordinal); i++)
            await page.Keyboard.PressAsync("ArrowDown");
        Assert.Contains("chrzanowski — powiat", await ActiveOptionTextAsync(page));
        await page.Keyboard.PressAsync("Enter");
        await tab.WaitReadyAsync();
        await Expect(input).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(input).ToHaveValueAsync("chrzanowski");
        Assert.Contains("powiat=1203", page.Url);
        Assert.Equal(await ApiIdsAsync("/api/v1/zones?pageSize=200&powiat=1203"), await ListZoneIdsAsync(page));
        Assert.Equal("f-territory", await activeId());

        // Emptying the field and pressing Enter clears the choice: all zones again.
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.PressAsync("Backspace");
        await page.Keyboard.PressAsync("Enter");
        await tab.WaitReadyAsync();
        Assert.DoesNotContain("powiat=", page.Url);
        Assert.Equal(await ApiIdsAsync("/api/v1/zones?pageSize=200"), await ListZoneIdsAsync(page));
        tab.AssertClean();
    }

    private static Task<string> ActiveOptionTextAsync(IPage page) =>
        page.EvaluateAsync<string>("() => document.getElementById(document.getElementById('f-territory').getAttribute('aria-activedescendant') || '')?.textContent ?? ''");
}
