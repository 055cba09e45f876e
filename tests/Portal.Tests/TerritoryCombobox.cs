using Microsoft.Playwright;

namespace Portal.Tests;

/// <summary>
/// The portal's territory search (js/territory-search.js) as a person uses it: type part of a name, wait for the
/// register's answer, pick an option. <paramref name="id"/> is the input's id; the listbox is "{id}-listbox".
/// </summary>
public sealed class TerritoryCombobox(IPage page, string id)
{
    public ILocator Input => page.Locator($"#{id}");
    public ILocator Options => page.Locator($"#{id}-listbox [role=option]");
    /// <summary>"Wybrano: Skawina — gmina miejsko-wiejska, powiat krakowski, małopolskie" under the field.</summary>
    public ILocator Chosen => page.Locator($"#{id}-chosen");

    /// <summary>Empties the field and types the text key by key (the search waits for a pause in typing).</summary>
    public async Task TypeAsync(string text)
    {
        await Input.FillAsync("");
        await Input.PressSequentiallyAsync(text, new LocatorPressSequentiallyOptions { Delay = 30 });
    }

    /// <summary>The options whose text contains every one of the given texts.</summary>
    public ILocator Option(params string[] texts) =>
        texts.Aggregate(Options, (options, text) => options.Filter(new LocatorFilterOptions { HasText = text }));

    /// <summary>Types, waits until exactly one option contains all the texts, and clicks it.</summary>
    public async Task ChooseAsync(string typed, params string[] optionTexts)
    {
        await TypeAsync(typed);
        var option = Option(optionTexts);
        await Assertions.Expect(option).ToHaveCountAsync(1);
        await option.ClickAsync();
    }
}
