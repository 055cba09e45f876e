using System.Diagnostics;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Testing;
using Reporting.Api.Persistence;

namespace Reporting.Tests;

/// <summary>
/// The demo: the Chrzanów strategy, the labour figures and the zones fed as events; the final
/// evaluation 2015–2023 checked against counts computed here from the same input.
/// </summary>
public sealed class ChrzanowFinalEvaluationTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>, IAsyncLifetime
{
    private const char Nbsp = '\u00A0';
    private static readonly Guid StrategyId = Guid.Parse("5a1e0000-0000-4000-8000-000000000001");
    private readonly ReportClient client = new(fixture);
    private TestData.Strategy data = null!;
    private string reportId = "";

    public async Task InitializeAsync()
    {
        data = TestData.Chrzanow(StrategyId);
        await using (var scope = fixture.Host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
            if (await db.Jobs.AnyAsync(j => j.StrategyId == StrategyId && j.State == "succeeded"))
            {
                reportId = (await db.Jobs.FirstAsync(j => j.StrategyId == StrategyId && j.State == "succeeded")).Id.ToString();
                return;
            }
        }
        // The tree first, the header after: the read model must cope with either order.
        await client.PublishAsync(data.Tree);
        await client.PublishAsync(data.Header);
        foreach (var e in data.Entries) await client.PublishAsync(e);
        var labour = TestData.Labour();
        await client.PublishAsync(labour);
        var zones = TestData.Zones();
        foreach (var z in zones) await client.PublishAsync(z);
        await Eventually.AssertAsync(async () =>
        {
            await using var scope = fixture.Host.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
            return await db.Entries.CountAsync() == data.Entries.Count
                   && await db.Observations.CountAsync() == labour.Values.Length
                   && await db.ZoneVersions.CountAsync() == zones.Count
                   && await db.Strategies.AnyAsync(s => s.Id == StrategyId && s.Version == 1 && s.TreeVersion == 1);
        }, TimeSpan.FromSeconds(60), "the read model to hold the demo data");

        var job = await client.StartAsync(new { kind = "final-evaluation", strategyId = StrategyId, from = 2015, to = 2023 });
        reportId = job.GetProperty("id").GetString()!;
        await client.WaitAsync(reportId, TimeSpan.FromSeconds(180));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Html_summary_counts_match_the_input()
    {
        var html = Encoding.UTF8.GetString(await client.ContentAsync(reportId, "html"));
        Assert.Contains("4 obszary strategiczne", html);
        Assert.Contains("4 cele strategiczne", html);
        Assert.Contains("12 celów operacyjnych", html);
        Assert.Contains("92 kierunki interwencji", html);

        // Counts per status computed here from the events, compared with the summary table's rows.
        foreach (var (status, label) in new[] { ("continuous", "realizacja ciągła"), ("partial", "realizacja częściowa"), ("completed", "zrealizowany"),
                     ("not_realized", "brak realizacji"), ("in_progress", "w trakcie realizacji") })
        {
            var n = data.Entries.Count(e => e.Status == status);
            Assert.True(n > 0, status);
            Assert.Contains($"<tr><td>{label}</td><td>{n}</td>", html);
        }
        var unmapped = data.Entries.Count(e => e.Status is null);
        Assert.Contains($"<tr><td>nieokreślony (tekst nieprzypisany)</td><td>{unmapped}</td>", html);

        // Not realized and partly realized directions are listed.
        foreach (var e in data.Entries.Where(e => e.Status == "not_realized")) Assert.Contains($"<li>{e.DirectionCode} – ", html);
        Assert.Contains($"Kierunki niezrealizowane (brak realizacji, nierozpoczęte, zaniechane): {data.Entries.Count(e => e.Status == "not_realized")}", html);
        Assert.Contains($"Kierunki zrealizowane częściowo lub w trakcie realizacji: {data.Entries.Count(e => e.Status is "partial" or "in_progress")}", html);
    }

    [Fact]
    public async Task Html_shows_unemployment_change_and_flags_contradictions()
    {
        var html = Encoding.UTF8.GetString(await client.ContentAsync(reportId, "html"));
        Assert.Contains($"W 2015 r.: 4{Nbsp}851; w 2023 r.: 2{Nbsp}339; zmiana: −2{Nbsp}512", html);
        Assert.Contains("<svg", html);
        Assert.Contains("Chrzanów", html);
        // The summary calls I.4.13 not realized while the table says partial.
        Assert.Matches("data-rule=\"podsumowanie-a-tabela\">[^<]*kierunek I\\.4\\.13[^<]*częściowa", html);
        // A direction marked NIE but continuous.
        var nieContinuous = data.Entries.Where(e => e.Realized == false && e.Status == "continuous").Select(e => e.DirectionCode).ToList();
        Assert.NotEmpty(nieContinuous);
        foreach (var code in nieContinuous)
            Assert.Matches($"data-rule=\"realizacja-a-sposób\">Kierunek {code.Replace(".", "\\.")} oznaczono jako niezrealizowany", html);
        Assert.Contains("Stan danych na", html);
        // Nothing outside the file is referred to (XML namespace names are names, not addresses).
        Assert.DoesNotContain("http://", System.Text.RegularExpressions.Regex.Replace(html, "xmlns(:\\w+)?=\"[^\"]*\"", ""));
    }

    [Fact]
    public async Task Csv_has_every_direction_with_the_recorded_status()
    {
        var csv = Encoding.UTF8.GetString(await client.ContentAsync(reportId, "csv")).TrimStart('\uFEFF');
        var records = CsvRecords(csv);
        Assert.Equal(data.Entries.Count + 1, records.Count);
        var statusColumn = Array.IndexOf(records[0], "Sposób realizacji");
        Assert.True(statusColumn > 0, "a column named in Polish");
        foreach (var group in data.Entries.GroupBy(e => e.Status))
            Assert.Equal(group.Count(), records.Skip(1).Count(r => r[statusColumn] == Reporting.Api.Domain.StatusLabels.Label(group.Key)));
        Assert.Contains(records, r => r[4] == "I.4.13" && r[statusColumn] == "realizacja częściowa");
        // Polish words only: no status code of the API beside them.
        Assert.DoesNotContain(records.Skip(1), r => r[statusColumn] is "continuous" or "partial" or "completed");
    }

    [Fact]
    public async Task Docx_is_valid_open_xml_with_repeated_header_rows()
    {
        var bytes = await client.ContentAsync(reportId, "docx");
        using var stream = new MemoryStream(bytes);
        using var doc = WordprocessingDocument.Open(stream, false);
        var errors = new OpenXmlValidator().Validate(doc).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(10).Select(e => $"{e.Path?.XPath}: {e.Description}")));
        var text = doc.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains("92 kierunki interwencji", text);
        Assert.NotEmpty(doc.MainDocumentPart.Document.Descendants<DocumentFormat.OpenXml.Wordprocessing.TableHeader>());
        Assert.NotEmpty(doc.MainDocumentPart.ImageParts);
    }

    [Fact]
    public async Task Xlsx_is_valid_and_holds_the_same_rows_as_the_csv()
    {
        var bytes = await client.ContentAsync(reportId, "xlsx");
        using var stream = new MemoryStream(bytes);
        using var doc = SpreadsheetDocument.Open(stream, false);
        var errors = new OpenXmlValidator().Validate(doc).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(10).Select(e => $"{e.Path?.XPath}: {e.Description}")));
        var workbook = doc.WorkbookPart!;
        var sheets = workbook.Workbook.Descendants<DocumentFormat.OpenXml.Spreadsheet.Sheet>().ToList();
        Assert.Equal("Kierunki interwencji", sheets[0].Name?.Value);
        var first = (WorksheetPart)workbook.GetPartById(sheets[0].Id!);
        var rows = first.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().ToList();
        Assert.Equal(data.Entries.Count + 1, rows.Count);
        Assert.Contains(rows, r => r.InnerText.Contains("I.4.13") && r.InnerText.Contains("realizacja częściowa"));
        // Styled: the header row bold and shaded (a cell format with a font and fill), the sheet filtered and frozen.
        var header = rows[0].Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().First();
        var format = workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<DocumentFormat.OpenXml.Spreadsheet.CellFormat>().ElementAt((int)header.StyleIndex!.Value);
        Assert.True(format.FontId!.Value > 0 && format.FillId!.Value > 1, "the header is bold and shaded");
        Assert.NotNull(first.Worksheet.GetFirstChild<DocumentFormat.OpenXml.Spreadsheet.AutoFilter>());
        // Every numbered table of the report has its sheet, its caption on top.
        Assert.True(sheets.Count > 5, $"{sheets.Count} sheets");
        var structure = (WorksheetPart)workbook.GetPartById(sheets[1].Id!);
        Assert.StartsWith("Tabela nr 1. Struktura strategii", structure.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().First().InnerText);
        // Sheets named so an official finds the table from the tabs: its number and caption, within Excel's 31 characters.
        Assert.Equal("1 Struktura strategii obszary", sheets[1].Name?.Value);
        Assert.Contains(sheets, s => s.Name!.Value!.EndsWith(" Wskaźniki wartość bazowa"));
        Assert.All(sheets, s => Assert.True(s.Name!.Value!.Length <= 31, s.Name.Value));
    }

    [Fact]
    public async Task Pdf_text_extracts_with_polish_letters()
    {
        var bytes = await client.ContentAsync(reportId, "pdf");
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(bytes, 0, 4));
        var text = await PdfText.ExtractAsync(bytes);
        foreach (var letter in "ąęłóśżźćń") Assert.Contains(letter, text);
        Assert.Contains("Ewaluacja końcowa", text);
    }

    [Fact]
    public async Task Html_is_a_document_with_title_page_contents_numbered_tables_and_page_numbers()
    {
        var html = Encoding.UTF8.GetString(await client.ContentAsync(reportId, "html"));
        // The title page: the kind, the strategy, its resolution, owner, years, cut-off and author.
        Assert.Matches("<section class=\"title-page\"><p class=\"kind\">Ewaluacja końcowa strategii</p><h1>[^<]*Strategia Rozwoju Powiatu Chrzanowskiego", html);
        Assert.Contains("<dt>Przyjęta</dt><dd>Uchwała Nr XV/77/2015", html);
        Assert.Contains("<dt>Raport obejmuje</dt><dd>lata 2015–2023</dd>", html);
        Assert.Contains("Opracowanie: ", html);
        // The contents link to every section, in order.
        Assert.Contains("<h2 id=\"toc-h\">Spis treści</h2>", html);
        foreach (var section in new[] { "Struktura strategii", "Podsumowanie", "Wskaźniki", "Strefy inwestycyjne", "Wnioski i rekomendacje", "Jakość danych" })
            Assert.Matches($"<a href=\"#s\\d+\">\\d+\\. {section}</a>", html);
        // Tables and charts numbered in order, as the seed's "Tabela nr 1".
        Assert.Contains("<caption>Tabela nr 1. Struktura strategii", html);
        var numbers = System.Text.RegularExpressions.Regex.Matches(html, "<caption>Tabela nr (\\d+)\\.").Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
        Assert.Contains("<figcaption>Wykres nr 1.", html);
        // Printed: the running header and "Strona X z Y" on every page but the title page.
        Assert.Contains("counter(page) \" z \" counter(pages)", html);
        Assert.Contains("@page:first{@top-left{content:none}", html);
    }

    [Fact]
    public async Task Pdf_has_a_title_page_contents_with_page_numbers_bookmarks_and_page_footers()
    {
        var bytes = await client.ContentAsync(reportId, "pdf");
        var pages = (await PdfText.ExtractAsync(bytes, layout: true)).Split('\f').Where(p => p.Trim().Length > 0).ToList();
        Assert.True(pages.Count > 10, $"{pages.Count} pages");
        Assert.Contains("Ewaluacja końcowa strategii", pages[0], StringComparison.OrdinalIgnoreCase);
        // Every page numbered, the title page too; the running header on every page but the title page.
        for (var i = 0; i < pages.Count; i++) Assert.Contains($"Strona {i + 1} z {pages.Count}", pages[i]);
        Assert.DoesNotContain("Ewaluacja końcowa strategii – Strategia", pages[0]);
        Assert.Contains("Ewaluacja końcowa strategii – Strategia", pages[1]);
        Assert.Contains("Spis treści", pages[1]);
        // The contents give each section's page, and the section starts there.
        var line = pages[1].Split('\n').Select(l => l.Trim()).First(l => l.Contains("Wnioski i rekomendacje"));
        var page = int.Parse(System.Text.RegularExpressions.Regex.Match(line, "(\\d+)$").Groups[1].Value);
        Assert.Contains("Wnioski i rekomendacje", pages[page - 1]);
        // Bookmarks for the sections (a reader's navigation pane).
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(bytes);
        Assert.True(pdf.TryGetBookmarks(out var bookmarks) && bookmarks.GetNodes().Count() > 8, "the PDF has bookmarks");
        Assert.Contains(bookmarks.GetNodes(), b => b.Title.Contains("Wnioski i rekomendacje"));
    }

    [Fact]
    public async Task The_pdf_names_every_direction_with_what_was_done_and_numbers_every_page()
    {
        var text = await PdfText.ExtractAsync(await client.ContentAsync(reportId, "pdf"));
        Assert.Contains("Strona 1 z", text);
        Assert.Contains("Spis treści", text);
        var flat = System.Text.RegularExpressions.Regex.Replace(text, "\\s+", " ");
        foreach (var e in data.Entries)
        {
            Assert.Contains($"{e.DirectionCode} ", flat);
            // The first words of what was done, as the source recorded them.
            var done = System.Text.RegularExpressions.Regex.Replace(e.Conclusions ?? "", "\\s+", " ").Trim();
            if (done.Length > 0) Assert.Contains(string.Join(' ', done.Split(' ').Take(3)), flat);
        }
    }

    [Fact]
    public async Task Every_table_downloads_as_its_own_csv_in_one_zip()
    {
        using var http = fixture.Host.CreateHttpClient().As(Platform.ServiceDefaults.Identity.PlatformRoles.Analyst, "1203");
        using var response = await http.GetAsync($"/api/v1/reports/{reportId}/tables.zip");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ewaluacja-koncowa-powiat-chrzanowski-2015-2023-tabele-csv.zip", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        using var zip = new System.IO.Compression.ZipArchive(await response.Content.ReadAsStreamAsync());
        Assert.True(zip.Entries.Count > 5, $"{zip.Entries.Count} tables");
        Assert.Equal("01-kierunki-interwencji.csv", zip.Entries[0].Name);
        string Read(System.IO.Compression.ZipArchiveEntry e) { using var r = new StreamReader(e.Open(), Encoding.UTF8); return r.ReadToEnd(); }
        Assert.StartsWith("Obszar;Nazwa obszaru;", Read(zip.Entries[0]));
        Assert.StartsWith("Tabela nr 1. Struktura strategii", Read(zip.Entries[1]));
        Assert.Equal(data.Entries.Count + 1, CsvRecords(Read(zip.Entries[0])).Count);
    }

    [Fact]
    public async Task The_docx_opens_in_libreoffice_without_repair()
    {
        var pdf = await LibreOffice.ToPdfAsync(await client.ContentAsync(reportId, "docx"));
        var text = await PdfText.ExtractAsync(pdf);
        Assert.Contains("Spis treści", text);
        Assert.Contains("Tabela nr 1. Struktura strategii", text);
        Assert.Contains("Strona", text);
    }

    [Fact]
    public async Task Xlsx_figures_are_numbers_with_polish_formats()
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(await client.ContentAsync(reportId, "xlsx")), false);
        var workbook = doc.WorkbookPart!;
        var formats = workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<DocumentFormat.OpenXml.Spreadsheet.CellFormat>().ToList();
        var cells = workbook.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>()).ToList();
        var numbers = cells.Where(c => c.DataType?.Value == DocumentFormat.OpenXml.Spreadsheet.CellValues.Number).ToList();
        Assert.NotEmpty(numbers);
        // 4 851 (2015) is a number formatted "# ##0"; a share is a fraction formatted as a percentage.
        Assert.Contains(numbers, c => c.CellValue!.Text == "4851" && formats[(int)c.StyleIndex!.Value].NumberFormatId!.Value == 3);
        Assert.Contains(numbers, c => formats[(int)c.StyleIndex!.Value].NumberFormatId!.Value == 165 && double.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 1);
        Assert.Equal("0.0\\ %", workbook.WorkbookStylesPart.Stylesheet.NumberingFormats!.Elements<DocumentFormat.OpenXml.Spreadsheet.NumberingFormat>().Single(f => f.NumberFormatId!.Value == 165).FormatCode!.Value);
    }

    [Fact]
    public async Task Docx_has_title_page_a_word_contents_field_running_header_page_footer_and_properties()
    {
        var bytes = await client.ContentAsync(reportId, "docx");
        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var main = doc.MainDocumentPart!;
        Assert.Contains(main.Document.Descendants<DocumentFormat.OpenXml.Wordprocessing.FieldCode>(), f => f.Text.Contains("TOC \\o"));
        Assert.True(main.DocumentSettingsPart!.Settings.GetFirstChild<DocumentFormat.OpenXml.Wordprocessing.UpdateFieldsOnOpen>()?.Val?.Value);
        Assert.Contains("Ewaluacja końcowa strategii – ", main.HeaderParts.Single().Header.InnerText);
        // The same "Strona X z Y" footer on the title page (its own, as Word wants) and on every other page.
        Assert.Equal(2, main.FooterParts.Count());
        foreach (var footer in main.FooterParts.Select(p => p.Footer))
        {
            Assert.Contains("Strona", footer.InnerText);
            Assert.Equal([" PAGE ", " NUMPAGES "], footer.Descendants<DocumentFormat.OpenXml.Wordprocessing.SimpleField>().Select(f => f.Instruction!.Value!).ToArray());
        }
        Assert.NotNull(main.Document.Body!.GetFirstChild<DocumentFormat.OpenXml.Wordprocessing.SectionProperties>()!.GetFirstChild<DocumentFormat.OpenXml.Wordprocessing.TitlePage>());
        Assert.Equal("pl-PL", doc.PackageProperties.Language);
        Assert.StartsWith("Ewaluacja końcowa strategii za lata 2015–2023", doc.PackageProperties.Title);
        Assert.False(string.IsNullOrWhiteSpace(doc.PackageProperties.Creator));
        Assert.Contains("Tabela nr 1. Struktura strategii", main.Document.Body.InnerText);
        // Headings in Word's own heading styles with outline levels: what the TOC field, the navigation pane and PDF export use.
        var styles = main.StyleDefinitionsPart!.Styles!.Elements<DocumentFormat.OpenXml.Wordprocessing.Style>().ToDictionary(st => st.StyleId!.Value!);
        Assert.Equal("heading 1", styles["Heading1"].StyleName!.Val!.Value);
        Assert.Equal(0, styles["Heading1"].StyleParagraphProperties!.OutlineLevel!.Val!.Value);
        Assert.Equal(1, styles["Heading2"].StyleParagraphProperties!.OutlineLevel!.Val!.Value);
        var headings = main.Document.Body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>()
            .Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value is "Heading1" or "Heading2").Select(p => p.InnerText).ToList();
        Assert.Contains(headings, h => h.EndsWith(". Wnioski i rekomendacje"));
        Assert.Contains(headings, h => h.Contains("Wskaźniki"));
        Assert.True(headings.Count >= 8, string.Join(" | ", headings));
    }

    [Fact]
    public async Task The_direction_table_says_what_was_done_and_the_conclusions_are_drawn_from_the_data()
    {
        var html = Encoding.UTF8.GetString(await client.ContentAsync(reportId, "html"));
        // "Co zrobiono" from the source's conclusions (I.1.1: Trzebinia's zone), implementers read from it when none is recorded.
        var i111 = data.Entries.Single(e => e.DirectionCode == "I.1.1");
        Assert.False(string.IsNullOrWhiteSpace(i111.Conclusions));
        var row = System.Text.RegularExpressions.Regex.Match(html, "<tr><td>[^<]*</td><td>I\\.1\\.1 .*?</tr>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        Assert.Contains(i111.Conclusions!.Split('\n')[0].Trim(), row);
        Assert.Contains("wg opisu: ", row);
        // Conclusions and recommendations name the directions behind them.
        var conclusions = html[html.IndexOf("Wnioski i rekomendacje</h2>", StringComparison.Ordinal)..];
        foreach (var e in data.Entries.Where(e => e.Status == "not_realized")) Assert.Contains(e.DirectionCode, conclusions[..conclusions.IndexOf("<h2", 10, StringComparison.Ordinal)]);
    }

    [Fact]
    public async Task The_yearly_report_has_summary_labour_market_zones_and_a_compact_quality_matrix()
    {
        var html = await client.GenerateHtmlAsync(new { kind = "yearly-monitoring", strategyId = StrategyId, year = 2023 });
        foreach (var section in new[] { "Podsumowanie roku 2023", "Realizacja kierunków interwencji w roku 2023", "Kierunki bez wpisu", "Rynek pracy w 2023 r.", "Strefy inwestycyjne", "Wnioski i rekomendacje", "Jakość danych" })
            Assert.Matches($"<h2 id=\"s\\d+\">\\d+\\. {section}</h2>", html);
        Assert.Contains("Bezrobotni zarejestrowani według gmin – powiat chrzanowski, koniec 2023 r. i zmiana wobec 2022 r.", html);
        // Missing entries as one matrix by area, never one numbered item per direction.
        Assert.Contains("Kierunki bez wpisu za 2023 r. według obszarów", html);
        Assert.DoesNotContain("data-rule=\"brak-wpisu\"", html);
        Assert.Matches("<li>Obszar I \\(\\d+\\): I\\.1\\.1, ", html);
    }

    [Fact]
    public async Task Same_data_and_cut_off_give_the_same_content()
    {
        var first = await client.StartAsync(new { kind = "final-evaluation", strategyId = StrategyId, from = 2015, to = 2023, dataCutOff = "2026-11-20T12:00:00Z" });
        var second = await client.StartAsync(new { kind = "final-evaluation", strategyId = StrategyId, from = 2015, to = 2023, dataCutOff = "2026-11-20T12:00:00Z" });
        var a = await client.WaitAsync(first.GetProperty("id").GetString()!, TimeSpan.FromSeconds(180));
        var b = await client.WaitAsync(second.GetProperty("id").GetString()!, TimeSpan.FromSeconds(180));
        string Hash(System.Text.Json.JsonElement job, string format) =>
            job.GetProperty("artifacts").EnumerateArray().Single(x => x.GetProperty("format").GetString() == format).GetProperty("sha256").GetString()!;
        Assert.Equal(Hash(a, "html"), Hash(b, "html"));
        Assert.Equal(Hash(a, "csv"), Hash(b, "csv"));
        Assert.Contains("20.11.2026", Encoding.UTF8.GetString(await client.ContentAsync(first.GetProperty("id").GetString()!, "html")));
    }

    /// <summary>RFC 4180 with ';' (quoted fields may hold newlines).</summary>
    private static List<string[]> CsvRecords(string csv)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ';') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\r') { }
            else if (c == '\n') { fields.Add(field.ToString()); field.Clear(); records.Add(fields.ToArray()); fields.Clear(); }
            else field.Append(c);
        }
        return records;
    }
}
