using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Reporting.Api.Domain;

namespace Reporting.Api.Rendering;

/// <summary>
/// The direction table as an Excel sheet (same columns as the CSV): header row frozen and filtered,
/// inline strings so no shared-string table has to be kept consistent.
/// </summary>
public sealed class XlsxRenderer : IReportRenderer
{
    public string Format => "xlsx";
    public string ContentType => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public Task<byte[]> RenderAsync(Report report, CancellationToken ct)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(1, CsvRenderer.Header));
            uint n = 1;
            foreach (var r in report.Directions.Rows)
                data.Append(Row(++n, CsvRenderer.Cells(r)));
            var lastColumn = Column(CsvRenderer.Header.Length);
            sheetPart.Worksheet = new Worksheet(
                new SheetViews(new SheetView(new Pane
                {
                    VerticalSplit = 1D, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
                }) { WorkbookViewId = 0U }),
                data,
                new AutoFilter { Reference = $"A1:{lastColumn}{n}" });
            workbook.Workbook.Append(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1U, Name = "Kierunki interwencji" }));
            workbook.Workbook.Append(new DefinedNames(new DefinedName($"'Kierunki interwencji'!$A$1:${lastColumn}${n}")
            {
                Name = "_xlnm._FilterDatabase", LocalSheetId = 0U, Hidden = true,
            }));
            workbook.Workbook.Save();
        }
        return Task.FromResult(stream.ToArray());
    }

    private static Row Row(uint index, IReadOnlyList<string> cells)
    {
        var row = new Row { RowIndex = index };
        for (var i = 0; i < cells.Count; i++)
            row.Append(new Cell(new InlineString(new Text(cells[i]) { Space = SpaceProcessingModeValues.Preserve }))
            {
                CellReference = $"{Column(i + 1)}{index}", DataType = CellValues.InlineString,
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
