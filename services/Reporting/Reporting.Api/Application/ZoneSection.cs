using Reporting.Api.Domain;
using static Reporting.Api.Domain.PolishFormat;

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
        var zones = data.Zones.OrderBy(z => DataQuality.UnitName(data, z.GminaTeryt), StringComparer.Ordinal).ThenBy(z => z.Name, StringComparer.Ordinal).ToList();
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
                z.Name, DataQuality.UnitName(data, z.GminaTeryt), Kinds.GetValueOrDefault(z.Kind, z.Kind), States.GetValueOrDefault(z.State, z.State),
                Number(z.TotalAreaHa, 1), Number(z.AvailableAreaHa, 1), z.YearEstablished?.ToString() ?? "—",
            ]).ToList(), [26, 14, 14, 14, 11, 11, 10]));

        // Every gmina of the territory, also those without a zone (Alwernia in the demo): absence is information.
        var prefixes = data.Strategy.OwnerUnits;
        var gminy = data.UnitNames.Keys.Where(k => k.Length == 7 && prefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal)))
            .Union(zones.Select(z => z.GminaTeryt)).Distinct()
            .OrderBy(g => DataQuality.UnitName(data, g), StringComparer.Ordinal).ToList();
        blocks.Add(new Table("Strefy według gmin", ["Gmina", "Liczba stref", "Powierzchnia [ha]", "Dostępna [ha]", $"Nowe strefy {SummarySection.Years(from, to)}"],
            gminy.Select(g =>
            {
                var inG = zones.Where(z => z.GminaTeryt == g).ToList();
                return (IReadOnlyList<string>)
                [
                    DataQuality.UnitName(data, g), Number(inG.Count), Number(inG.Sum(z => z.TotalAreaHa), 1), Number(inG.Sum(z => z.AvailableAreaHa), 1),
                    Number(inG.Count(z => z.YearEstablished >= from && z.YearEstablished <= to)),
                ];
            }).ToList(), [30, 15, 20, 20, 15]));

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
                    Date(p.Second.OccurredAt), p.Second.Name, DataQuality.UnitName(data, p.Second.GminaTeryt),
                    Signed(p.Second.TotalAreaHa - p.First.TotalAreaHa, 1), Signed(p.Second.AvailableAreaHa - p.First.AvailableAreaHa, 1),
                ]).ToList(), [14, 30, 18, 19, 19]));
        return new Section("Strefy inwestycyjne", blocks);
    }
}
