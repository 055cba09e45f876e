using Reporting.Api.Domain;
using Reporting.Api.ReadModel;
using static Platform.Text.PolishFormat;

namespace Reporting.Api.Application;

/// <summary>Investment zones of the territory: the register at the cut-off, totals per gmina, changes in the period.</summary>
public static class ZoneSection
{
    private static readonly Dictionary<string, string> States = new()
    {
        ["operating"] = "działająca", ["expanding"] = "rozbudowywana", ["in_preparation"] = "w przygotowaniu", ["planned"] = "planowana",
    };

    private static readonly Dictionary<string, string> Kinds = new()
    {
        ["sag"] = "SAG", ["sse_subzone"] = "podstrefa SSE", ["industrial_park"] = "park przemysłowy", ["brownfield"] = "teren poprzemysłowy",
    };

    public static Section Build(ReportSnapshot data, int from, int to)
    {
        var blocks = new List<Block>();
        var zones = data.Zones.OrderBy(z => UnitNames.Name(data, z.GminaTeryt), StringComparer.Ordinal).ThenBy(z => z.Name, StringComparer.Ordinal).ToList();
        if (zones.Count == 0)
        {
            blocks.Add(new Paragraph("W rejestrze stref nie ma stref inwestycyjnych na obszarze strategii."));
            return new Section("Strefy inwestycyjne", blocks);
        }
        blocks.Add(new Paragraph(
            $"W rejestrze jest {Count(zones.Count, "strefa inwestycyjna", "strefy inwestycyjne", "stref inwestycyjnych")} o łącznej powierzchni " +
            $"{Hectares(zones.Sum(z => z.TotalAreaHa))}, w tym dostępnej {Hectares(zones.Sum(z => z.AvailableAreaHa))}."));
        blocks.Add(new Table("Strefy inwestycyjne", ["Strefa", "Gmina", "Rodzaj", "Stan", "Powierzchnia [ha]", "Dostępna [ha]", "Od roku"],
            zones.Select(z => (IReadOnlyList<string>)
            [
                z.Name, UnitNames.Name(data, z.GminaTeryt), Kinds.GetValueOrDefault(z.Kind, z.Kind), States.GetValueOrDefault(z.State, z.State),
                Number(z.TotalAreaHa, 1), Number(z.AvailableAreaHa, 1), z.YearEstablished?.ToString() ?? "—",
            ]).ToList(), [26, 14, 14, 14, 11, 11, 10]));

        // Every gmina of the territory in the register, also those without a zone (Alwernia in the demo): absence is information.
        var gminy = UnitNames.GminyOf(data, data.Strategy.OwnerUnits)
            .Union(zones.Select(z => z.GminaTeryt)).Distinct()
            .OrderBy(g => UnitNames.Name(data, g), StringComparer.Ordinal).ToList();
        blocks.Add(new Table("Strefy według gmin", ["Gmina", "Liczba stref", "Powierzchnia [ha]", "Dostępna [ha]", $"Nowe strefy {SummarySection.Years(from, to)}"],
            gminy.Select(g =>
            {
                var inG = zones.Where(z => z.GminaTeryt == g).ToList();
                return (IReadOnlyList<string>)
                [
                    UnitNames.Name(data, g), Number(inG.Count), Number(inG.Sum(z => z.TotalAreaHa), 1), Number(inG.Sum(z => z.AvailableAreaHa), 1),
                    Number(inG.Count(z => z.YearEstablished >= from && z.YearEstablished <= to)),
                ];
            }).ToList(), [30, 15, 20, 20, 15]));

        blocks.AddRange(PlotBlocks(data, gminy, from, to));

        var changes = data.ZoneHistory.GroupBy(z => z.ZoneId)
            .SelectMany(g => g.OrderBy(z => z.Version).Zip(g.OrderBy(z => z.Version).Skip(1)))
            .Where(p => p.Second.OccurredAt.Year >= from && p.Second.OccurredAt.Year <= to
                        && (p.First.TotalAreaHa != p.Second.TotalAreaHa || p.First.AvailableAreaHa != p.Second.AvailableAreaHa))
            .OrderBy(p => p.Second.OccurredAt).ThenBy(p => p.Second.Name, StringComparer.Ordinal)
            .ToList();
        blocks.Add(new Paragraph(changes.Count == 0
            ? $"W latach {SummarySection.Years(from, to)} rejestr nie odnotował zmian powierzchni stref."
            : $"Zmiany powierzchni stref odnotowane w rejestrze w latach {SummarySection.Years(from, to)}:"));
        if (changes.Count > 0)
            blocks.Add(new Table("Zmiany powierzchni stref", ["Data", "Strefa", "Gmina", "Zmiana powierzchni [ha]", "Zmiana dostępnej [ha]"],
                changes.Select(p => (IReadOnlyList<string>)
                [
                    Date(p.Second.OccurredAt), p.Second.Name, UnitNames.Name(data, p.Second.GminaTeryt),
                    Signed(p.Second.TotalAreaHa - p.First.TotalAreaHa, 1), Signed(p.Second.AvailableAreaHa - p.First.AvailableAreaHa, 1),
                ]).ToList(), [14, 30, 18, 19, 19]));
        return new Section("Strefy inwestycyjne", blocks);
    }

    /// <summary>
    /// Plots by state per gmina at the cut-off, and the hectares sold in the period (a version that turned a plot
    /// "sold", dated by its event). Nothing when the register holds no plots.
    /// </summary>
    private static IEnumerable<Block> PlotBlocks(ReportSnapshot data, IReadOnlyList<string> gminy, int from, int to)
    {
        if (data.Plots.Count == 0) yield break;
        var soldInPeriod = data.PlotHistory.GroupBy(p => p.PlotId)
            .Select(g => g.Where(p => p.State == "sold" && p.PreviousState != "sold").MinBy(p => p.Version))
            .OfType<RmPlotVersion>()
            .Where(p => p.OccurredAt.Year >= from && p.OccurredAt.Year <= to)
            .ToList();
        decimal Ha(IEnumerable<RmPlotVersion> plots, string state) => plots.Where(p => p.State == state).Sum(p => p.AreaHa);
        yield return new Paragraph(
            $"Działki w strefach: {Count(data.Plots.Count, "działka", "działki", "działek")}; dostępnych {Hectares(Ha(data.Plots, "available"))}, " +
            $"zarezerwowanych {Hectares(Ha(data.Plots, "reserved"))}, sprzedanych {Hectares(Ha(data.Plots, "sold"))}; " +
            $"w latach {SummarySection.Years(from, to)} sprzedano {Hectares(soldInPeriod.Sum(p => p.AreaHa))}.");
        yield return new Table("Działki w strefach według gmin",
            ["Gmina", "Działki", "Dostępne [ha]", "Zarezerwowane [ha]", "Sprzedane [ha]", $"Sprzedane {SummarySection.Years(from, to)} [ha]"],
            gminy.Union(data.Plots.Select(p => p.GminaTeryt)).Distinct().Where(g => data.Plots.Any(p => p.GminaTeryt == g))
                .OrderBy(g => UnitNames.Name(data, g), StringComparer.Ordinal)
                .Select(g =>
                {
                    var inG = data.Plots.Where(p => p.GminaTeryt == g).ToList();
                    return (IReadOnlyList<string>)
                    [
                        UnitNames.Name(data, g), Number(inG.Count), Number(Ha(inG, "available"), 1), Number(Ha(inG, "reserved"), 1),
                        Number(Ha(inG, "sold"), 1), Number(soldInPeriod.Where(p => p.GminaTeryt == g).Sum(p => p.AreaHa), 1),
                    ];
                }).ToList(), [25, 11, 16, 16, 16, 16]);
    }
}
