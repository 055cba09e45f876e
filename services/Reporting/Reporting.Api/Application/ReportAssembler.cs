using Reporting.Api.Domain;
using static Platform.Text.PolishFormat;

namespace Reporting.Api.Application;

/// <summary>An analyst's foreword and conclusions for a draft (null: none, and the conclusions derived from the data).</summary>
public sealed record AnalystEdits(string? Foreword, string? Conclusions);

/// <summary>Builds the report model from a snapshot: the one code path behind every transport and format.</summary>
public static class ReportAssembler
{
    public static Report Assemble(string kind, ReportSnapshot data, int from, int to, DateTimeOffset cutOff, AnalystEdits? edits = null)
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

        var sections = new List<Section> { About(data, kind, from, to, cutOff), StructureSection.Build(tree) };
        var (indicators, indicatorFindings) = IndicatorSection.Build(data, from, to);
        if (evaluation)
        {
            sections.Add(SummarySection.Build(tree, results, from, to));
            sections.Add(DirectionSection.Build(tree, results, $"Realizacja kierunków interwencji w latach {years}", data));
            sections.Add(indicators);
            sections.Add(ZoneSection.Build(data, from, to));
        }
        else
        {
            sections.Add(SummarySection.Build(tree, results, from, to) with { Title = $"Podsumowanie roku {from}" });
            sections.Add(DirectionSection.Build(tree, results, $"Realizacja kierunków interwencji w roku {from}", data));
            sections.Add(Missing(tree, results, from));
            sections.Add(LabourYearSection.Build(data, from));
            sections.Add(ZoneSection.Build(data, from, to));
        }
        sections.Add(edits?.Conclusions is { } written ? ConclusionsSection.Written(written) : ConclusionsSection.Build(tree, results, indicatorFindings, from, to));
        if (edits?.Foreword is { } foreword) sections.Insert(0, new Section("Przedmowa", Paragraphs(foreword)));
        sections.Add(DataQuality.Build(DataQuality.Check(data, results, evaluation), tree, data, results, from, to));

        return new Report(kind, title, data.Strategy.Name, cutOff, Front(data, kind, from, to), Numbered(sections),
            new DirectionTable(results.Select(DirectionResults.ToRow).ToList()));
    }

    private static IReadOnlyList<Block> Paragraphs(string text) =>
        text.Split(["\r\n\r\n", "\n\n"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => (Block)new Paragraph(p)).ToList();

    /// <summary>"Tabela nr 1. …", "Wykres nr 1. …" in document order, so every format numbers them alike.</summary>
    private static IReadOnlyList<Section> Numbered(IReadOnlyList<Section> sections)
    {
        var (tables, charts) = (0, 0);
        return sections.Select(section => section with
        {
            Blocks = section.Blocks.Select(block => block switch
            {
                Domain.Table t => WithoutEmptyColumns(t) with { Caption = $"Tabela nr {++tables}. {t.Caption}" },
                BarChart c => (Block)(c with { Caption = $"Wykres nr {++charts}. {c.Caption}" }),
                _ => block,
            }).ToList(),
        }).ToList();
    }

    /// <summary>A column nobody filled in (every cell empty or "—") says nothing: it is left out, the first column always kept.</summary>
    private static Domain.Table WithoutEmptyColumns(Domain.Table t)
    {
        if (t.Rows.Count == 0) return t;
        static bool Empty(string cell) => string.IsNullOrWhiteSpace(cell) || cell.Trim() is "—" or "-";
        var keep = Enumerable.Range(0, t.Header.Count).Where(i => i == 0 || t.Rows.Any(r => i < r.Count && !Empty(r[i]))).ToList();
        if (keep.Count == t.Header.Count) return t;
        return t with
        {
            Header = keep.Select(i => t.Header[i]).ToList(),
            Rows = t.Rows.Select(r => (IReadOnlyList<string>)keep.Select(i => i < r.Count ? r[i] : "").ToList()).ToList(),
            Widths = keep.Select(i => i < t.Widths.Count ? t.Widths[i] : 10).ToList(),
        };
    }

    private static TitlePage Front(ReportSnapshot data, string kind, int from, int to)
    {
        var s = data.Strategy;
        var area = string.Join(", ", s.OwnerUnits.Select(u => UnitNames.Display(data, u)));
        return new TitlePage(
            ReportKinds.Label(kind), s.Name, $"{s.PeriodFrom}–{s.PeriodTo}", string.IsNullOrWhiteSpace(s.AdoptedBy) ? null : s.AdoptedBy,
            s.OwnerName, area.Length > 0 ? area : null, from == to ? $"rok {from}" : $"lata {from}–{to}",
            $"Opracowanie: {s.OwnerName}, na podstawie danych Platformy strategii rozwoju");
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

    /// <summary>The directions without an entry for the year, grouped by area: one line per area instead of one per direction.</summary>
    private static Section Missing(StrategyIndex tree, IReadOnlyList<DirectionResult> results, int year)
    {
        var missing = results.Where(r => r.Entry is null).ToList();
        var blocks = new List<Block>
        {
            new Paragraph(missing.Count == 0
                ? $"Wszystkie kierunki mają wpis z realizacji za rok {year}."
                : $"Bez wpisu z realizacji za rok {year}: {Count(missing.Count, "kierunek", "kierunki", "kierunków")} z {Number(results.Count)}."),
        };
        if (missing.Count > 0)
            blocks.Add(new BulletList(tree.Areas
                .Select(a => (Area: a, Codes: missing.Where(r => r.Area.Id == a.Id).Select(r => r.Direction.Code).ToList()))
                .Where(x => x.Codes.Count > 0)
                .Select(x => $"Obszar {x.Area.Code} ({Number(x.Codes.Count)}): {string.Join(", ", x.Codes)}")
                .ToList()));
        return new Section("Kierunki bez wpisu", blocks);
    }
}
