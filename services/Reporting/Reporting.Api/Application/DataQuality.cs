using System.Text.Json;
using Reporting.Api.Domain;
using Reporting.Api.ReadModel;
using static Platform.Text.PolishFormat;

namespace Reporting.Api.Application;

/// <summary>
/// Checks the data against itself and lists what contradicts or is missing, so the report never
/// prints a contradiction silently (the hand-written evaluation called I.4.13 "not realized" in its
/// summary while its table says "partial").
/// </summary>
public static class DataQuality
{
    public const string RealizedVsStatus = "realizacja-a-sposób";
    public const string SummaryVsTable = "podsumowanie-a-tabela";
    public const string MissingEntry = "brak-wpisu";
    public const string UnmappedStatus = "nieprzypisany-sposób";
    public const string RevisedAfterCutOff = "korekta-po-dacie-danych";

    public static IReadOnlyList<Finding> Check(ReportSnapshot data, IReadOnlyList<DirectionResult> results, bool evaluation)
    {
        var findings = new List<Finding>();
        foreach (var r in results)
        {
            var code = r.Direction.Code;
            if (r.Entry is not { } e)
            {
                findings.Add(new Finding(MissingEntry, code, $"Kierunek {code} nie ma wpisu z realizacji za okres raportu."));
                continue;
            }
            if (e.Realized == false && StatusLabels.IsDone(e.Status))
                findings.Add(new Finding(RealizedVsStatus, code,
                    $"Kierunek {code} oznaczono jako niezrealizowany (NIE), a sposób realizacji to „{e.StatusText ?? StatusLabels.Label(e.Status)}” ({StatusLabels.Label(e.Status)})."));
            if (e.Realized == true && StatusLabels.IsNotRealized(e.Status))
                findings.Add(new Finding(RealizedVsStatus, code,
                    $"Kierunek {code} oznaczono jako zrealizowany (TAK), a sposób realizacji to „{e.StatusText ?? StatusLabels.Label(e.Status)}” ({StatusLabels.Label(e.Status)})."));
            if (e.Status is null && !string.IsNullOrWhiteSpace(e.StatusText))
                findings.Add(new Finding(UnmappedStatus, code,
                    $"Sposobu realizacji kierunku {code} („{e.StatusText}”) nie przypisano do żadnej kategorii; nie jest liczony w żadnej z nich."));
        }
        if (evaluation) findings.AddRange(SummaryFindings(data.Strategy.EvaluationSummaryJson, results, data));
        foreach (var o in data.RevisedAfterCutOff)
            findings.Add(new Finding(RevisedAfterCutOff, $"{o.Indicator} {o.Unit} {o.Period}",
                $"Wartość wskaźnika {o.Indicator} ({UnitNames.Display(data, o.Unit)}, {o.Period}, {o.Breakdown}) skorygowano po dacie stanu danych " +
                $"({Date(o.ReceivedAt)}: {Number(o.Value)}, korekta nr {o.Revision}); raport podaje wartość znaną na datę stanu danych."));
        return findings;
    }

    /// <summary>Compares the strategy's stored evaluation summary (lists of codes it names) with the table.</summary>
    private static IEnumerable<Finding> SummaryFindings(string? json, IReadOnlyList<DirectionResult> results, ReportSnapshot data)
    {
        if (string.IsNullOrWhiteSpace(json)) yield break;
        JsonElement root;
        try { root = JsonDocument.Parse(json).RootElement; }
        catch (JsonException) { yield break; }
        if (root.ValueKind != JsonValueKind.Object) yield break;

        var byCode = results.ToDictionary(r => r.Direction.Code, StringComparer.OrdinalIgnoreCase);
        foreach (var f in ListCheck(root, "not_realized", "wymienia jako niezrealizowany", byCode, r => StatusLabels.IsNotRealized(r.Entry?.Status))) yield return f;
        foreach (var f in ListCheck(root, "not_fully_realized", "wymienia jako niezrealizowany w pełni", byCode, r => StatusLabels.IsPartly(r.Entry?.Status) || StatusLabels.IsNotRealized(r.Entry?.Status))) yield return f;
        foreach (var f in ListCheck(root, "not_done_as_area_wide_project", "wymienia jako niezrealizowany w formie projektu całego obszaru", byCode, SummarySection.IsAreaWideDoneSeparately)) yield return f;

        if (root.TryGetProperty("directions_total", out var total) && total.TryGetInt32(out var t) && t != results.Count)
            yield return new Finding(SummaryVsTable, "liczba kierunków", $"Zapisane podsumowanie podaje {Count(t, "kierunek interwencji", "kierunki interwencji", "kierunków interwencji")}, a strategia ma ich {Number(results.Count)}.");
        if (root.TryGetProperty("continuous_directions_claimed", out var cont) && cont.TryGetInt32(out var c))
        {
            var actual = results.Count(r => r.Entry?.Status == StatusLabels.Continuous);
            if (actual != c)
                yield return new Finding(SummaryVsTable, "realizacja ciągła",
                    $"Zapisane podsumowanie podaje {Count(c, "kierunek realizowany", "kierunki realizowane", "kierunków realizowanych")} w sposób ciągły, a tabela ma ich {Number(actual)}.");
        }
        if (root.TryGetProperty("registered_unemployed", out var unemployed) && unemployed.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in unemployed.EnumerateObject())
            {
                if (!p.Value.TryGetDecimal(out var claimed)) continue;
                var actual = IndicatorSection.Annual(data, IndicatorSection.RegisteredUnemployed, data.Strategy.OwnerUnits.FirstOrDefault() ?? "", "total", p.Name);
                if (actual is { } a && a != claimed)
                    yield return new Finding(SummaryVsTable, $"bezrobotni {p.Name}",
                        $"Zapisane podsumowanie podaje {Number(claimed)} bezrobotnych w {p.Name} r., a dane rynku pracy {Number(a)}.");
            }
        }
    }

    private static IEnumerable<Finding> ListCheck(JsonElement root, string key, string claim,
        Dictionary<string, DirectionResult> byCode, Func<DirectionResult, bool> agrees)
    {
        if (!root.TryGetProperty(key, out var list) || list.ValueKind != JsonValueKind.Array) yield break;
        foreach (var item in list.EnumerateArray())
        {
            var code = item.GetString();
            if (code is null) continue;
            if (!byCode.TryGetValue(code, out var r))
            {
                yield return new Finding(SummaryVsTable, code, $"Zapisane podsumowanie {claim} kierunek {code}, którego strategia nie zawiera.");
                continue;
            }
            if (!agrees(r))
                yield return new Finding(SummaryVsTable, code,
                    $"Zapisane podsumowanie {claim} kierunek {code}, a tabela podaje: realizacja {StatusLabels.YesNo(r.Entry?.Realized)}, " +
                    $"{DirectionSection.StatusCell(r.Entry?.Status, r.Entry?.StatusText)}.");
        }
    }

    /// <summary>
    /// Missing entries as a compact matrix (directions without a yearly entry per area and year, and without any entry for
    /// the report's period), then every other finding numbered: contradictions and values revised after the cut-off.
    /// </summary>
    public static Section Build(IReadOnlyList<Finding> findings, StrategyIndex tree, ReportSnapshot data, IReadOnlyList<DirectionResult> results, int from, int to)
    {
        var others = findings.Where(f => f.Rule != MissingEntry).ToList();
        var missing = findings.Count - others.Count;
        var blocks = new List<Block>
        {
            new Paragraph(findings.Count == 0
                ? "Nie stwierdzono sprzeczności ani braków w danych."
                : $"Braki wpisów: {Count(missing, "kierunek", "kierunki", "kierunków")} bez wpisu za okres raportu; " +
                  $"inne zastrzeżenia: {Number(others.Count)}. Sprzeczności pokazano tu zamiast je rozstrzygać; tabele podają dane tak, jak je zapisano."),
        };
        if (missing > 0) blocks.Add(MissingMatrix(tree, data, results, from, to));
        if (others.Count > 0)
        {
            blocks.Add(new Subheading("Sprzeczności i korekty danych"));
            blocks.Add(new FindingList(others));
        }
        return new Section("Jakość danych", blocks);
    }

    private static Table MissingMatrix(StrategyIndex tree, ReportSnapshot data, IReadOnlyList<DirectionResult> results, int from, int to)
    {
        var yearly = data.Entries
            .Where(e => e.YearFrom == e.YearTo && e.YearFrom >= from && e.YearTo <= to)
            .GroupBy(e => (e.DirectionId, e.YearFrom)).Select(g => g.MaxBy(e => e.Version)!)
            .Where(e => !e.Withdrawn).Select(e => (e.DirectionId, e.YearFrom)).ToHashSet();
        var years = Enumerable.Range(from, to - from + 1).ToList();
        var period = from == to ? null : $"cały okres {SummarySection.Years(from, to)}";
        var header = new List<string> { "Obszar strategiczny", "Kierunki" };
        header.AddRange(years.Select(y => y.ToString()));
        if (period is not null) header.Add(period);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var area in tree.Areas)
        {
            var directions = tree.Directions.Where(d => tree.AreaOf(d).Id == area.Id).ToList();
            if (directions.Count == 0) continue;
            var row = new List<string> { $"{area.Code}. {area.Title}", Number(directions.Count) };
            row.AddRange(years.Select(y => Number(directions.Count(d => !yearly.Contains((d.Id, y))))));
            if (period is not null) row.Add(Number(results.Count(r => r.Area.Id == area.Id && r.Entry is null)));
            rows.Add(row);
        }
        var widths = new List<int> { 30, 8 };
        widths.AddRange(years.Select(_ => Math.Max(4, 52 / Math.Max(1, years.Count + (period is null ? 0 : 2)))));
        if (period is not null) widths.Add(10);
        return new Table(from == to
                ? $"Kierunki bez wpisu za {from} r. według obszarów"
                : $"Kierunki bez wpisu rocznego według obszarów i lat oraz bez wpisu za okres {SummarySection.Years(from, to)}",
            header, rows, widths);
    }
}
