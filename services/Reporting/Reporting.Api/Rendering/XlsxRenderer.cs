using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Reporting.Api.Domain;
using DomainTable = Reporting.Api.Domain.Table;

namespace Reporting.Api.Rendering;

/// <summary>
/// The report's data as an Excel workbook: the direction table (the CSV's columns) with a bold, shaded, frozen and
/// filtered header, wrapped text and fitted widths, then one sheet per numbered table of the report ("Tabela 1" …)
/// with its caption above it. Inline strings, so no shared-string table has to be kept consistent.
/// </summary>
public sealed class XlsxRenderer : IReportRenderer
{
    public string Format => "xlsx";
    public string ContentType => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    // Cell formats of the stylesheet below.
    private const uint Plain = 0, HeaderCell = 1, Wrapped = 2, TitleCell = 3;

    public Task<byte[]> RenderAsync(Report report, CancellationToken ct)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            doc.PackageProperties.Title = $"{report.Title} – {report.Subtitle}";
            doc.PackageProperties.Creator = report.Front.Owner;
            doc.PackageProperties.Language = "pl-PL";
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheets = new Sheets();
            var names = new DefinedNames();
            workbook.Workbook.Append(sheets);

            var directions = report.Directions.Rows.Select(r => (IReadOnlyList<string>)CsvRenderer.Cells(r)).ToList();
            AddSheet(workbook, sheets, names, "Kierunki interwencji", null, CsvRenderer.Header, directions, filter: true);
            var n = 0;
            foreach (var table in report.Sections.SelectMany(s => s.Blocks).OfType<DomainTable>())
                AddSheet(workbook, sheets, names, $"Tabela {++n}", table.Caption, table.Header, table.Rows, filter: false);
            workbook.Workbook.Append(names);
            workbook.Workbook.Save();
        }
        return Task.FromResult(stream.ToArray());
    }

    private static void AddSheet(WorkbookPart workbook, Sheets sheets, DefinedNames names, string name, string? caption,
        IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, bool filter)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        uint index = 0;
        if (caption is not null) data.Append(Row(++index, [caption], TitleCell));
        var headerRow = ++index;
        data.Append(Row(headerRow, header, HeaderCell));
        foreach (var r in rows) data.Append(Row(++index, r, Wrapped));
        var last = Column(header.Count);
        var widths = Enumerable.Range(0, header.Count).Select(i =>
            Math.Clamp(Math.Max(header[i].Length, rows.Count == 0 ? 0 : rows.Max(r => i < r.Count ? Longest(r[i]) : 0)) + 2, 8, 60)).ToList();
        var worksheet = new Worksheet(
            new SheetViews(new SheetView(new Pane
            {
                VerticalSplit = headerRow, TopLeftCell = $"A{headerRow + 1}", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
            }) { WorkbookViewId = 0U }),
            new Columns(widths.Select((w, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true })),
            data);
        var sheetIndex = (uint)sheets.ChildElements.Count;
        if (filter)
        {
            worksheet.Append(new AutoFilter { Reference = $"A{headerRow}:{last}{index}" });
            names.Append(new DefinedName($"'{name}'!$A${headerRow}:${last}${index}") { Name = "_xlnm._FilterDatabase", LocalSheetId = sheetIndex, Hidden = true });
        }
        part.Worksheet = worksheet;
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = sheetIndex + 1, Name = name });
    }

    private static int Longest(string text) => text.Split('\n').Max(l => l.Length);

    private static Stylesheet Styles() => new(
        new Fonts(
            new Font(new FontSize { Val = 10 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 10 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 12 }, new FontName { Val = "Calibri" })) { Count = 3 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE8EEF5" }) { PatternType = PatternValues.Solid })) { Count = 3 },
        new Borders(
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder { Style = BorderStyleValues.Thin }, new DiagonalBorder())) { Count = 2 },
        new CellFormats(
            new CellFormat(),
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { FontId = 1, FillId = 2, BorderId = 1, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true },
            new CellFormat { FontId = 2, ApplyFont = true }) { Count = 4 });

    private static Row Row(uint index, IReadOnlyList<string> cells, uint style)
    {
        var row = new Row { RowIndex = index };
        for (var i = 0; i < cells.Count; i++)
            row.Append(new Cell(new InlineString(new Text(cells[i]) { Space = SpaceProcessingModeValues.Preserve }))
            {
                CellReference = $"{Column(i + 1)}{index}", DataType = CellValues.InlineString, StyleIndex = style,
            });
        return row;
    }

    private static string Column(int n)
    {
        var s = "";
        for (; n > 0; n = (n - 1) / 26) s = (char)('A' + (n - 1) % 26) + s;
        return s;
    }
}
