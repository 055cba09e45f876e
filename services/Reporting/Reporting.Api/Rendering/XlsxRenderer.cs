using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Reporting.Api.Domain;
using DomainTable = Reporting.Api.Domain.Table;

namespace Reporting.Api.Rendering;

/// <summary>
/// The report's data as an Excel workbook: the direction table (the CSV's columns) with a bold, shaded, frozen and
/// filtered header, wrapped text and fitted widths, then one sheet per numbered table of the report, named by its number and caption ("1 Struktura strategii" …)
/// with its caption above it. Inline strings, so no shared-string table has to be kept consistent.
/// </summary>
public sealed class XlsxRenderer : IReportRenderer
{
    public string Format => "xlsx";
    public string ContentType => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    // Cell formats of the stylesheet below.
    private const uint HeaderCell = 1, Wrapped = 2, TitleCell = 3, Integer = 4, Decimal = 5, Percentage = 6;

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
                AddSheet(workbook, sheets, names, SheetName(++n, table.Caption), table.Caption, table.Header, table.Rows, filter: false);
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
        // "# ##0", "# ##0,0" and "0,0 %" as a Polish Excel shows them (the separators are the reader's locale).
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0.0" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "0.0\\ %" }) { Count = 2 },
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
            new CellFormat { FontId = 2, ApplyFont = true },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top }) { NumberFormatId = 3, ApplyNumberFormat = true, ApplyAlignment = true },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top }) { NumberFormatId = 164, ApplyNumberFormat = true, ApplyAlignment = true },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top }) { NumberFormatId = 165, ApplyNumberFormat = true, ApplyAlignment = true }) { Count = 7 });

    private static Row Row(uint index, IReadOnlyList<string> cells, uint style)
    {
        var row = new Row { RowIndex = index };
        for (var i = 0; i < cells.Count; i++)
        {
            var reference = $"{Column(i + 1)}{index}";
            // A figure the report printed in Polish ("4 851", "51,8 %") is a number in the sheet, formatted.
            if (style == Wrapped && PolishNumber(cells[i]) is var (value, format))
                row.Append(new Cell(new CellValue(value)) { CellReference = reference, DataType = CellValues.Number, StyleIndex = format });
            else
                row.Append(new Cell(new InlineString(new Text(cells[i]) { Space = SpaceProcessingModeValues.Preserve }))
                {
                    CellReference = reference, DataType = CellValues.InlineString, StyleIndex = style,
                });
        }
        return row;
    }

    private static readonly System.Text.RegularExpressions.Regex Figure = new(
        "^(?<sign>[−-])?(?<int>\\d{1,3}(?:[ \u00A0\u202F]\\d{3})+|\\d{1,3})(?:,(?<frac>\\d+))?(?<pct>[ \u00A0\u202F]?%)?$");

    /// <summary>
    /// The value and cell format of a cell written by PolishFormat (grouped thousands, decimal comma, " %"); null for
    /// text. A bare four-digit number ("2015") is a year or a code, not a figure, and stays text.
    /// </summary>
    public static (double Value, uint Format)? PolishNumber(string text)
    {
        var m = Figure.Match(text.Trim());
        if (!m.Success) return null;
        var digits = string.Concat(m.Groups["int"].Value.Where(char.IsAsciiDigit));
        var number = double.Parse(digits + (m.Groups["frac"].Success ? "." + m.Groups["frac"].Value : ""), System.Globalization.CultureInfo.InvariantCulture);
        if (m.Groups["sign"].Success) number = -number;
        if (m.Groups["pct"].Success) return (number / 100, Percentage);
        return (number, m.Groups["frac"].Success ? Decimal : Integer);
    }

    private static string Column(int n)
    {
        var s = "";
        for (; n > 0; n = (n - 1) / 26) s = (char)('A' + (n - 1) % 26) + s;
        return s;
    }

    /// <summary>"Tabela nr 7. Wskaźniki: …" → "7 Wskaźniki" : Excel allows 31 characters and no []:*?/\ in a sheet name.</summary>
    public static string SheetName(int number, string? caption)
    {
        var text = caption ?? "";
        var dot = text.IndexOf(". ", StringComparison.Ordinal);
        if (text.StartsWith("Tabela nr ", StringComparison.Ordinal) && dot > 0) text = text[(dot + 2)..];
        text = new string(text.Where(c => !"[]:*?/\\'".Contains(c)).ToArray()).Trim();
        var name = $"{number} {text}";
        if (name.Length <= 31) return name;
        var cut = name.LastIndexOf(' ', 31); // whole words only
        return name[..(cut > 2 ? cut : 31)].TrimEnd(' ', '–', '-', ',');
    }
}
