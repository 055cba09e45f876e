using Reporting.Api.Domain;
using static Platform.Text.PolishFormat;

namespace Reporting.Api.Application;

/// <summary>The evaluation's summary (PODSUMOWANIE), every figure counted from the table itself.</summary>
public static class SummarySection
{
    public static Section Build(StrategyIndex tree, IReadOnlyList<DirectionResult> results, int from, int to)
    {
        var blocks = new List<Block>
        {
            new Paragraph(
                $"W ramach strategii wyodrębniono {Count(tree.Areas.Count, "obszar strategiczny", "obszary strategiczne", "obszarów strategicznych")}, " +
                $"dla których sformułowano {Count(tree.StrategicGoals.Count, "cel strategiczny", "cele strategiczne", "celów strategicznych")}, " +
                $"{Count(tree.OperationalGoals.Count, "cel operacyjny", "cele operacyjne", "celów operacyjnych")} oraz " +
                $"{Count(tree.Directions.Count, "kierunek interwencji", "kierunki interwencji", "kierunków interwencji")}."),
        };

        var withEntry = results.Where(r => r.Entry is not null).ToList();
        blocks.Add(new Paragraph(
            $"Za okres {Years(from, to)} wpis z realizacji ma {Number(withEntry.Count)} z {Number(results.Count)} kierunków; " +
            $"realizację oznaczono jako TAK w {Number(withEntry.Count(r => r.Entry!.Realized == true))}, " +
            $"jako NIE w {Number(withEntry.Count(r => r.Entry!.Realized == false))}."));

        var rows = new List<IReadOnlyList<string>>();
        foreach (var status in StatusLabels.Ordered.Cast<string?>().Append(null))
        {
            var n = withEntry.Count(r => r.Entry!.Status == status);
            if (n == 0) continue;
            rows.Add([StatusLabels.Label(status), Number(n), Percent(100m * n / Math.Max(1, results.Count))]);
        }
        var missing = results.Count - withEntry.Count;
        if (missing > 0) rows.Add(["brak wpisu", Number(missing), Percent(100m * missing / Math.Max(1, results.Count))]);
        rows.Add(["Razem", Number(results.Count), Percent(results.Count == 0 ? 0 : 100)]);
        blocks.Add(new Table("Kierunki interwencji według sposobu realizacji", ["Sposób realizacji", "Liczba kierunków", "Udział"], rows, [50, 25, 25]));

        AddList(blocks, "Kierunki niezrealizowane (brak realizacji, nierozpoczęte, zaniechane):",
            results.Where(r => StatusLabels.IsNotRealized(r.Entry?.Status)));
        AddList(blocks, "Kierunki zrealizowane częściowo lub w trakcie realizacji:",
            results.Where(r => StatusLabels.IsPartly(r.Entry?.Status)));
        AddList(blocks,
            "Kierunki pomyślane jako projekt całego obszaru funkcjonalnego, realizowane jedynie w formie zadań poszczególnych gmin " +
            "(realizacja ciągła lub częściowa zamiast jednego projektu obszarowego):",
            results.Where(IsAreaWideDoneSeparately));
        return new Section("Podsumowanie", blocks);
    }

    /// <summary>
    /// An area-wide direction counts as one finished project only when recorded as completed; realized
    /// continuously or partly, it was the gminy's own tasks (the seed's reading of I.1.1, I.1.4, I.2.3).
    /// </summary>
    public static bool IsAreaWideDoneSeparately(DirectionResult r) =>
        r.Direction.AreaWide && r.Entry is { Realized: not false } e && (e.Status == StatusLabels.Continuous || StatusLabels.IsPartly(e.Status));

    public static string Years(int from, int to) => from == to ? $"{from}" : $"{from}–{to}";

    private static void AddList(List<Block> blocks, string title, IEnumerable<DirectionResult> items)
    {
        var list = items.Select(r => $"{r.Direction.Code} – {r.Direction.Title} ({DirectionSection.StatusCell(r.Entry?.Status, r.Entry?.StatusText)})").ToList();
        blocks.Add(new Paragraph($"{title} {Number(list.Count)}"));
        if (list.Count > 0) blocks.Add(new BulletList(list));
    }
}
