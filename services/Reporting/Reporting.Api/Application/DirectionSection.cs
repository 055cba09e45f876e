using Reporting.Api.Domain;

namespace Reporting.Api.Application;

/// <summary>The realization table per strategic area, as in the documents.</summary>
public static class DirectionSection
{
    public static readonly IReadOnlyList<string> Header =
        ["Cel operacyjny", "Kierunek interwencji", "Realizacja TAK/NIE", "Sposób realizacji", "Co zrobiono", "Wnioski", "Realizatorzy"];

    private static readonly IReadOnlyList<int> Widths = [12, 26, 8, 14, 16, 16, 10];

    public static Section Build(StrategyIndex tree, IReadOnlyList<DirectionResult> results, string title)
    {
        var blocks = new List<Block>();
        foreach (var area in tree.Areas)
        {
            var inArea = results.Where(r => r.Area.Id == area.Id).ToList();
            if (inArea.Count == 0) continue;
            blocks.Add(new Subheading($"Obszar strategiczny {area.Code}: {area.Title}"));
            if (tree.StrategicGoalOf(area) is { } sg) blocks.Add(new Paragraph($"Cel strategiczny {sg.Code}: {sg.Title}"));
            var rows = inArea.Select(Row).ToList();
            blocks.Add(new Table($"Realizacja kierunków interwencji – obszar {area.Code}", Header, rows, Widths));
        }
        return new Section(title, blocks);
    }

    private static IReadOnlyList<string> Row(DirectionResult r)
    {
        var row = DirectionResults.ToRow(r);
        var status = r.Entry is null ? "brak wpisu" : StatusCell(row.Status, row.StatusText);
        return
        [
            r.Goal is null ? "" : $"{r.Goal.Code} {r.Goal.Title}",
            $"{row.Code} {row.Title}",
            r.Entry is null ? "—" : StatusLabels.YesNo(row.Realized),
            status,
            row.Description ?? "",
            row.Conclusions ?? "",
            row.Implementers,
        ];
    }

    /// <summary>The normalized status, and the words as recorded when they differ from it.</summary>
    public static string StatusCell(string? status, string? text)
    {
        var label = StatusLabels.Label(status);
        return string.IsNullOrWhiteSpace(text) || string.Equals(text.Trim(), label, StringComparison.OrdinalIgnoreCase)
            ? label
            : $"{label} (zapis: „{text.Trim()}”)";
    }
}
