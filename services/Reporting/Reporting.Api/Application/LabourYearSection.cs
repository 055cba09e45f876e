using Reporting.Api.Domain;
using static Platform.Text.PolishFormat;

namespace Reporting.Api.Application;

/// <summary>The yearly report's labour market: registered unemployed at the year's end by gmina, and the change on the year before.</summary>
public static class LabourYearSection
{
    public static Section Build(ReportSnapshot data, int year)
    {
        var blocks = new List<Block>();
        var (thisYear, lastYear) = (year.ToString(), (year - 1).ToString());
        foreach (var owner in data.Strategy.OwnerUnits)
        {
            var now = IndicatorSection.Annual(data, IndicatorSection.RegisteredUnemployed, owner, "total", thisYear);
            var before = IndicatorSection.Annual(data, IndicatorSection.RegisteredUnemployed, owner, "total", lastYear);
            var name = UnitNames.Display(data, owner);
            if (now is null)
            {
                blocks.Add(new Paragraph($"Brak danych o bezrobociu rejestrowanym za {year} r. dla jednostki: {name}."));
                continue;
            }
            blocks.Add(new Paragraph(before is { } b
                ? $"{name}: na koniec {year} r. {Count((long)now.Value, "osoba bezrobotna", "osoby bezrobotne", "osób bezrobotnych")} zarejestrowanych; " +
                  $"zmiana wobec {year - 1} r.: {Signed(now.Value - b)} ({Signed(b == 0 ? 0 : 100m * (now.Value - b) / b, 1)}{GroupSeparator}%)."
                : $"{name}: na koniec {year} r. {Count((long)now.Value, "osoba bezrobotna", "osoby bezrobotne", "osób bezrobotnych")} zarejestrowanych."));
            if (IndicatorSection.Annual(data, "unemployment_rate", owner, "total", thisYear) is { } rate)
                blocks.Add(new Paragraph($"Stopa bezrobocia rejestrowanego ({name}) na koniec {year} r.: {Percent(rate)}."));

            var gminy = UnitNames.GminyOf(data, [owner]).OrderBy(g => UnitNames.Name(data, g), StringComparer.Ordinal).ToList();
            var rows = gminy.Select(g => (g, now: IndicatorSection.Annual(data, IndicatorSection.RegisteredUnemployed, g, "total", thisYear),
                    before: IndicatorSection.Annual(data, IndicatorSection.RegisteredUnemployed, g, "total", lastYear)))
                .Where(x => x.now is not null).ToList();
            if (rows.Count == 0) continue;
            blocks.Add(new Table($"Bezrobotni zarejestrowani według gmin – {name}, koniec {year} r. i zmiana wobec {year - 1} r.",
                ["Gmina", $"{year}", $"{year - 1}", "Zmiana", "Zmiana [%]"],
                rows.Select(x => (IReadOnlyList<string>)
                [
                    UnitNames.Name(data, x.g), Number(x.now!.Value), x.before is { } p ? Number(p) : "—",
                    x.before is { } q ? Signed(x.now.Value - q) : "—",
                    x.before is { } r && r != 0 ? $"{Signed(100m * (x.now.Value - r) / r, 1)}{GroupSeparator}%" : "—",
                ]).ToList(), [34, 16, 16, 17, 17]));
            blocks.Add(new BarChart($"Bezrobotni zarejestrowani według gmin, koniec {year} r.", "liczba osób",
                rows.Select(x => new ChartPoint(UnitNames.Name(data, x.g), x.now!.Value)).ToList(), "gmina"));
        }
        return new Section($"Rynek pracy w {year} r.", blocks);
    }
}
