using Reporting.Api.Domain;
using Platform.Contracts.Events.Catalogue.V1;
using Reporting.Api.ReadModel;
using static Platform.Text.PolishFormat;

namespace Reporting.Api.Application;

/// <summary>
/// Indicators linked to the strategy — or, when none are linked, registered unemployment in the
/// owner's territory: first and last year of the period, the change, every year as a chart, and the
/// last year by gmina and by sex.
/// </summary>
public static class IndicatorSection
{
    public const string RegisteredUnemployed = "registered_unemployed";

    private static readonly Dictionary<string, string> IndicatorNames = new()
    {
        [RegisteredUnemployed] = "Bezrobotni zarejestrowani (osoby)",
        ["long_term_unemployed"] = "Długotrwale bezrobotni (osoby)",
        ["unemployment_rate"] = "Stopa bezrobocia rejestrowanego (%)",
    };

    /// <summary>The section, and what the conclusions say of each indicator's target.</summary>
    public static (Section Section, IReadOnlyList<string> Findings) Build(ReportSnapshot data, int from, int to)
    {
        var linked = data.Nodes
            .SelectMany(n => ReadModelMappers.ReadIndicators(n.IndicatorsJson))
            .GroupBy(i => (i.IndicatorCode, i.TerritorialUnit))
            .Select(g => g.First())
            .OrderBy(i => i.IndicatorCode, StringComparer.Ordinal).ThenBy(i => i.TerritorialUnit, StringComparer.Ordinal)
            .ToList();
        var blocks = new List<Block>();
        if (linked.Count == 0)
        {
            blocks.Add(new Paragraph("Ze strategią nie powiązano wskaźników; sekcja przedstawia liczbę bezrobotnych zarejestrowanych na obszarze właściciela strategii."));
            linked = data.Strategy.OwnerUnits.Select(u => new IndicatorSnapshot(RegisteredUnemployed, u, null, null, null, null)).ToList();
        }
        var rows = new List<IReadOnlyList<string>>();
        var findings = new List<string>();
        foreach (var i in linked)
        {
            var series = Series(data, i.IndicatorCode, i.TerritorialUnit, Math.Min(from, i.BaselineYear ?? from), to);
            var name = IndicatorNames.GetValueOrDefault(i.IndicatorCode, i.IndicatorCode);
            var unitName = UnitNames.Display(data, i.TerritorialUnit);
            var baseline = i.BaselineValue ?? series.FirstOrDefault(p => p.Year >= from).Value;
            var baselineYear = i.BaselineValue is null ? series.FirstOrDefault(p => p.Year >= from).Year : i.BaselineYear ?? 0;
            var latest = series.Count == 0 ? ((int Year, decimal Value)?)null : series[^1];
            var reached = Reached(i, baseline, latest?.Value);
            rows.Add(
            [
                name, unitName,
                baselineYear == 0 ? "—" : $"{Number(baseline)} ({baselineYear})",
                i.TargetValue is { } target ? $"{Number(target)}{(i.TargetYear is { } ty ? $" ({ty})" : "")}" : "nie określono",
                latest is { } l ? $"{Number(l.Value)} ({l.Year})" : "brak danych",
                Trend(series),
                reached switch { true => "osiągnięty", false => "nieosiągnięty", null => "—" },
            ]);
            if (reached == false && latest is { } last)
                findings.Add($"Wskaźnik „{name}” ({unitName}) nie osiągnął wartości docelowej {Number(i.TargetValue!.Value)}: ostatnia wartość {Number(last.Value)} ({last.Year}); rekomenduje się przegląd działań, które miały go poprawić.");
            else if (reached == true && latest is { } ok)
                findings.Add($"Wskaźnik „{name}” ({unitName}) osiągnął wartość docelową ({Number(i.TargetValue!.Value)}): {Number(ok.Value)} w {ok.Year} r.");
        }
        blocks.Add(new Table($"Wskaźniki: wartość bazowa, docelowa i ostatnia, lata {SummarySection.Years(from, to)}",
            ["Wskaźnik", "Jednostka terytorialna", "Wartość bazowa (rok)", "Wartość docelowa (rok)", "Ostatnia wartość (rok)", "Trend", "Cel"],
            rows, [22, 18, 12, 12, 12, 12, 12]));
        foreach (var i in linked) blocks.AddRange(Indicator(data, i.IndicatorCode, i.TerritorialUnit, from, to));
        return (new Section("Wskaźniki", blocks), findings);
    }

    /// <summary>The target is reached when the latest value is on the target's side of the baseline (lower is better when the target is lower).</summary>
    private static bool? Reached(IndicatorSnapshot i, decimal baseline, decimal? latest)
    {
        if (i.TargetValue is not { } target || latest is not { } value) return null;
        return target < baseline ? value <= target : value >= target;
    }

    private static string Trend(IReadOnlyList<(int Year, decimal Value)> series)
    {
        if (series.Count < 2) return "—";
        var (a, b) = (series[^2].Value, series[^1].Value);
        return b > a ? $"wzrost ({series[^2].Year}→{series[^1].Year})" : b < a ? $"spadek ({series[^2].Year}→{series[^1].Year})" : "bez zmian";
    }

    private static List<(int Year, decimal Value)> Series(ReportSnapshot data, string indicator, string unit, int from, int to) =>
        Enumerable.Range(from, Math.Max(0, to - from + 1))
            .Select(y => (Year: y, Value: Annual(data, indicator, unit, "total", y.ToString())))
            .Where(p => p.Value is not null)
            .Select(p => (p.Year, p.Value!.Value))
            .ToList();

    private static IEnumerable<Block> Indicator(ReportSnapshot data, string indicator, string unit, int from, int to)
    {
        var name = IndicatorNames.GetValueOrDefault(indicator, indicator);
        var unitName = UnitNames.Display(data, unit);
        yield return new Subheading($"{name} – {unitName}");
        var series = Series(data, indicator, unit, from, to);
        if (series.Count == 0)
        {
            yield return new Paragraph($"Brak danych za lata {SummarySection.Years(from, to)}.");
            yield break;
        }
        var (firstYear, first) = series[0];
        var (lastYear, last) = series[^1];
        var change = last - first;
        var pct = first == 0 ? 0 : 100m * change / first;
        yield return new Paragraph(
            $"W {firstYear} r.: {Number(first)}; w {lastYear} r.: {Number(last)}; zmiana: {Signed(change)} ({Signed(pct, 1)}{GroupSeparator}%).");
        yield return new BarChart($"{name} – {unitName}, lata {SummarySection.Years(from, to)}", name,
            series.Select(p => new ChartPoint(p.Year.ToString(), p.Value)).ToList());
        yield return new Table($"{name} – {unitName} w latach {SummarySection.Years(from, to)}", ["Rok", "Wartość"],
            series.Select(p => (IReadOnlyList<string>)[p.Year.ToString(), Number(p.Value)]).ToList(), [50, 50]);

        var lastKey = lastYear.ToString();
        // The gminy of the register within the unit (not their town and rural parts: the shares would count twice).
        var gminy = data.Observations
            .Where(o => o.Indicator == indicator && UnitNames.IsGminaWithin(data, o.Unit, unit))
            .Select(o => o.Unit).Distinct().OrderBy(u => UnitNames.Name(data, u), StringComparer.Ordinal).ToList();
        var byGmina = gminy.Select(g => (g, v: Annual(data, indicator, g, "total", lastKey))).Where(x => x.v is not null).ToList();
        if (byGmina.Count > 0)
        {
            var sum = byGmina.Sum(x => x.v!.Value);
            yield return new Table($"{name} według gmin, {lastYear} r.", ["Gmina", "Wartość", "Udział"],
                byGmina.Select(x => (IReadOnlyList<string>)[UnitNames.Name(data, x.g), Number(x.v!.Value), Percent(sum == 0 ? 0 : 100m * x.v!.Value / sum)]).ToList(),
                [50, 25, 25]);
        }
        var female = Annual(data, indicator, unit, "sex:female", lastKey);
        var male = Annual(data, indicator, unit, "sex:male", lastKey);
        if (female is not null && male is not null)
        {
            var sum = female.Value + male.Value;
            yield return new Table($"{name} według płci, {lastYear} r.", ["Płeć", "Wartość", "Udział"],
            [
                ["kobiety", Number(female.Value), Percent(sum == 0 ? 0 : 100m * female.Value / sum)],
                ["mężczyźni", Number(male.Value), Percent(sum == 0 ? 0 : 100m * male.Value / sum)],
            ], [50, 25, 25]);
        }
    }

    /// <summary>The year's figure: the yearly one, else the last month (or quarter) of the year reported.</summary>
    public static decimal? Annual(ReportSnapshot data, string indicator, string unit, string breakdown, string year)
    {
        RmObservation? best = null;
        foreach (var o in data.Observations)
        {
            if (o.Indicator != indicator || o.Unit != unit || o.Breakdown != breakdown || !o.Period.StartsWith(year, StringComparison.Ordinal)) continue;
            if (o.Period == year) return o.Value;
            if (best is null || string.CompareOrdinal(o.Period, best.Period) > 0) best = o;
        }
        return best?.Value;
    }
}
