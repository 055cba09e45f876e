using Reporting.Api.Domain;
using static Platform.Text.PolishFormat;

namespace Reporting.Api.Application;

/// <summary>Builds the report model from a snapshot: the one code path behind every transport and format.</summary>
public static class ReportAssembler
{
    public static Report Assemble(string kind, ReportSnapshot data, int from, int to, DateTimeOffset cutOff)
    {
        var tree = new StrategyIndex(data.Nodes);
        var results = DirectionResults.For(tree, data.Entries, from, to);
        var evaluation = ReportKinds.IsEvaluation(kind);
        var years = SummarySection.Years(from, to);
        var title = kind switch
        {
            ReportKinds.YearlyMonitoring => $"Raport z monitoringu realizacji strategii za rok {from}",
            ReportKinds.MidTermEvaluation => $"Ewaluacja śródokresowa strategii za lata {years}",
            _ => $"Ewaluacja końcowa strategii za lata {years}",
        };

        var sections = new List<Section> { About(data, kind, from, to, cutOff) };
        if (evaluation) sections.Add(SummarySection.Build(tree, results, from, to));
        sections.Add(DirectionSection.Build(tree, results, evaluation ? $"Realizacja kierunków interwencji w latach {years}" : $"Realizacja kierunków interwencji w roku {from}"));
        if (!evaluation) sections.Add(Missing(results, from));
        if (evaluation)
        {
            sections.Add(IndicatorSection.Build(data, from, to));
            sections.Add(ZoneSection.Build(data, from, to));
        }
        sections.Add(DataQuality.Build(DataQuality.Check(data, results, evaluation)));

        return new Report(kind, title, data.Strategy.Name, cutOff, sections,
            new DirectionTable(results.Select(DirectionResults.ToRow).ToList()));
    }

    private static Section About(ReportSnapshot data, string kind, int from, int to, DateTimeOffset cutOff)
    {
        var s = data.Strategy;
        // The owner as the catalogue names it, and its units as the TERYT register names them (a group lists its gminy).
        var area = string.Join(", ", s.OwnerUnits.Select(u => UnitNames.Display(data, u)));
        var blocks = new List<Block>
        {
            new Paragraph($"Strategia: {s.Name} (okres obowiązywania {s.PeriodFrom}–{s.PeriodTo}), właściciel: {s.OwnerName}" +
                (area.Length > 0 ? $" (obszar: {area})." : ".")),
        };
        if (!string.IsNullOrWhiteSpace(s.AdoptedBy)) blocks.Add(new Paragraph($"Przyjęta: {s.AdoptedBy}."));
        blocks.Add(new Paragraph(
            $"Raport obejmuje {(from == to ? $"rok {from}" : $"lata {from}–{to}")}. Stan danych na {DateTime(cutOff)} (czas polski): " +
            "wszystkie liczby policzono z danych katalogu strategii, rynku pracy i rejestru stref zapisanych do tej chwili; " +
            "ten sam stan danych daje ten sam raport."));
        return new Section("Informacje o raporcie", blocks);
    }

    private static Section Missing(IReadOnlyList<DirectionResult> results, int year)
    {
        var missing = results.Where(r => r.Entry is null).Select(r => $"{r.Direction.Code} – {r.Direction.Title}").ToList();
        var blocks = new List<Block>
        {
            new Paragraph(missing.Count == 0
                ? $"Wszystkie kierunki mają wpis z realizacji za rok {year}."
                : $"Bez wpisu z realizacji za rok {year}: {Count(missing.Count, "kierunek", "kierunki", "kierunków")}."),
        };
        if (missing.Count > 0) blocks.Add(new BulletList(missing));
        return new Section("Kierunki bez wpisu", blocks);
    }
}
