using Reporting.Api.Domain;

namespace Reporting.Api.Application;

/// <summary>The realization table per strategic area, as in the documents.</summary>
public static class DirectionSection
{
    public static readonly IReadOnlyList<string> Header =
        ["Cel operacyjny", "Kierunek interwencji", "Realizacja TAK/NIE", "Sposób realizacji", "Co zrobiono – wnioski", "Realizatorzy"];

    private static readonly IReadOnlyList<int> Widths = [12, 24, 7, 12, 33, 12];

    public static Section Build(StrategyIndex tree, IReadOnlyList<DirectionResult> results, string title, ReportSnapshot data)
    {
        var blocks = new List<Block>();
        foreach (var area in tree.Areas)
        {
            var inArea = results.Where(r => r.Area.Id == area.Id).ToList();
            if (inArea.Count == 0) continue;
            blocks.Add(new Subheading($"Obszar strategiczny {area.Code}: {area.Title}"));
            if (tree.StrategicGoalOf(area) is { } sg) blocks.Add(new Paragraph($"Cel strategiczny {sg.Code}: {sg.Title}"));
            var rows = inArea.Select(r => Row(r, data)).ToList();
            blocks.Add(new Table($"Realizacja kierunków interwencji – obszar {area.Code}", Header, rows, Widths));
        }
        return new Section(title, blocks);
    }

    private static IReadOnlyList<string> Row(DirectionResult r, ReportSnapshot data)
    {
        var row = DirectionResults.ToRow(r);
        var status = r.Entry is null ? "brak wpisu" : StatusCell(row.Status, row.StatusText);
        return
        [
            r.Goal is null ? "" : $"{r.Goal.Code} {r.Goal.Title}",
            $"{row.Code} {row.Title}",
            r.Entry is null ? "—" : StatusLabels.YesNo(row.Realized),
            status,
            WhatWasDone(row.Description, row.Conclusions),
            Implementers(row, data),
        ];
    }

    /// <summary>What was done and the conclusions in one cell, as the seed's "Wnioski/podsumowanie" (the source often holds both in one text).</summary>
    public static string WhatWasDone(string? description, string? conclusions)
    {
        var parts = new[] { description, conclusions }.Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x!.Trim()).Distinct().ToList();
        return parts.Count == 0 ? "—" : string.Join("\n", parts);
    }

    /// <summary>
    /// The implementers recorded, else those the text names among the strategy's own units (a gmina, the powiat), marked
    /// as read from the description so nobody takes them for a recorded list.
    /// </summary>
    public static string Implementers(DirectionRow row, ReportSnapshot data)
    {
        if (!string.IsNullOrWhiteSpace(row.Implementers)) return row.Implementers;
        var text = $"{row.Description} {row.Conclusions}";
        if (string.IsNullOrWhiteSpace(text)) return "—";
        var named = new List<string>();
        foreach (var gmina in UnitNames.GminyOf(data, data.Strategy.OwnerUnits))
        {
            var name = UnitNames.Name(data, gmina);
            if (text.Contains($"Gmina {name}", StringComparison.OrdinalIgnoreCase) || text.Contains($"Gminy {name}", StringComparison.OrdinalIgnoreCase)
                || text.Contains($"gminie {name}", StringComparison.OrdinalIgnoreCase))
                named.Add($"Gmina {name}");
        }
        var powiatOwned = data.Strategy.OwnerUnits.Any(u => u.Length == 4);
        if (powiatOwned && (text.Contains("powiat", StringComparison.OrdinalIgnoreCase) || text.Contains("starostw", StringComparison.OrdinalIgnoreCase)))
            named.Insert(0, data.Strategy.OwnerName);
        if (text.Contains("PUP", StringComparison.Ordinal) || text.Contains("urząd pracy", StringComparison.OrdinalIgnoreCase))
            named.Add("Powiatowy Urząd Pracy");
        return named.Count == 0 ? "—" : $"wg opisu: {string.Join(", ", named.Distinct())}";
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
