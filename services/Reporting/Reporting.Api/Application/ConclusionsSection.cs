using Reporting.Api.Domain;
using static Platform.Text.PolishFormat;

namespace Reporting.Api.Application;

/// <summary>
/// "Wnioski i rekomendacje" derived from the data: which operational goals lag (a minority of their directions done),
/// which directions were never reported, which were not realized, what the indicators say. A draft an analyst edits
/// before publishing; every sentence names the directions or figures behind it.
/// </summary>
public static class ConclusionsSection
{
    public const string Title = "Wnioski i rekomendacje";

    public static Section Build(StrategyIndex tree, IReadOnlyList<DirectionResult> results, IReadOnlyList<string> indicatorFindings, int from, int to)
    {
        var items = new List<string>();
        var reported = results.Count(r => r.Entry is not null);
        var done = results.Count(r => StatusLabels.IsDone(r.Entry?.Status));
        items.Add($"Za okres {SummarySection.Years(from, to)} wpis z realizacji ma {Number(reported)} z {Number(results.Count)} kierunków interwencji, " +
                  $"a zrealizowanych lub realizowanych w sposób ciągły jest {Number(done)} ({Percent(results.Count == 0 ? 0 : 100m * done / results.Count)}).");

        // Operational goals where fewer than half of the directions are done: where the next period's effort goes.
        foreach (var goal in tree.OperationalGoals)
        {
            var own = results.Where(r => r.Goal?.Id == goal.Id).ToList();
            if (own.Count == 0) continue;
            var goalDone = own.Count(r => StatusLabels.IsDone(r.Entry?.Status));
            if (goalDone * 2 >= own.Count) continue;
            var lagging = own.Where(r => !StatusLabels.IsDone(r.Entry?.Status)).Select(r => r.Direction.Code);
            items.Add($"Cel operacyjny {goal.Code} ({goal.Title}) jest realizowany w mniejszości kierunków: {Number(goalDone)} z {Number(own.Count)}; " +
                      $"do rozważenia: kontynuacja lub przeformułowanie kierunków {string.Join(", ", lagging)} w kolejnym okresie programowania.");
        }

        var notRealized = results.Where(r => StatusLabels.IsNotRealized(r.Entry?.Status)).Select(r => r.Direction.Code).ToList();
        if (notRealized.Count > 0)
            items.Add($"Nie zrealizowano {Count(notRealized.Count, "kierunku", "kierunków", "kierunków")} ({string.Join(", ", notRealized)}); " +
                      "rekomenduje się wskazanie przyczyn i decyzję, czy przenieść je do nowej strategii.");
        var missing = results.Where(r => r.Entry is null).Select(r => r.Direction.Code).ToList();
        if (missing.Count > 0)
            items.Add($"Dla {Count(missing.Count, "kierunku", "kierunków", "kierunków")} nie złożono sprawozdania z realizacji " +
                      $"({Shorten(missing)}); rekomenduje się uzupełnienie wpisów przez realizatorów przed publikacją raportu.");
        var areaWide = results.Where(SummarySection.IsAreaWideDoneSeparately).Select(r => r.Direction.Code).ToList();
        if (areaWide.Count > 0)
            items.Add($"Kierunki pomyślane jako projekty całego obszaru ({string.Join(", ", areaWide)}) realizowano jedynie zadaniami poszczególnych gmin; " +
                      "rekomenduje się wspólny projekt obszaru funkcjonalnego z jednym koordynatorem.");
        items.AddRange(indicatorFindings);

        return new Section(Title,
        [
            new Paragraph("Wnioski wyprowadzono z danych raportu; analityk może je uzupełnić lub zmienić przed publikacją."),
            new BulletList(items),
        ]);
    }

    /// <summary>The analyst's own conclusions, one per line, in place of the derived ones.</summary>
    public static Section Written(string text) => new(Title,
    [
        new Paragraph("Wnioski i rekomendacje sformułowane przez analityka na podstawie danych raportu."),
        new BulletList(text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => l.TrimStart('-', '•', '*', ' ')).ToList()),
    ]);

    private static string Shorten(IReadOnlyList<string> codes) =>
        codes.Count <= 12 ? string.Join(", ", codes) : $"{string.Join(", ", codes.Take(12))} i {Count(codes.Count - 12, "inny", "inne", "innych")}";
}
