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
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", ""));
    }

    [Fact]
    public async Task Csv_has_every_direction_with_the_recorded_status()
    {
        var csv = Encoding.UTF8.GetString(await client.ContentAsync(reportId, "csv")).TrimStart('\uFEFF');
        var records = CsvRecords(csv);
        Assert.Equal(data.Entries.Count + 1, records.Count);
        var statusColumn = Array.IndexOf(records[0], "sposob_realizacji");
        foreach (var group in data.Entries.GroupBy(e => e.Status ?? ""))
            Assert.Equal(group.Count(), records.Skip(1).Count(r => r[statusColumn] == group.Key));
        Assert.Contains(records, r => r[4] == "I.4.13" && r[statusColumn] == "partial");
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
        var rows = doc.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().ToList();
        Assert.Equal(data.Entries.Count + 1, rows.Count);
        Assert.Contains(rows, r => r.InnerText.Contains("I.4.13") && r.InnerText.Contains("partial"));
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
