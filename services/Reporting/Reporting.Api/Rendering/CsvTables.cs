using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Reporting.Api.Rendering;

/// <summary>
/// Every table of a report as its own CSV file in one ZIP, read from the report's stored XLSX (the same cells, so the
/// two cannot disagree): "01-kierunki-interwencji.csv", "02-tabela-1.csv", … in the CSV format of the direction table.
/// </summary>
public static class CsvTables
{
    public static byte[] Zip(byte[] xlsx)
    {
        using var input = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbook = input.WorkbookPart!;
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            var n = 0;
            foreach (var sheet in workbook.Workbook.Descendants<Sheet>())
            {
                var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
                var csv = new StringBuilder();
                foreach (var row in part.Worksheet.Descendants<Row>())
                    csv.AppendJoin(';', row.Elements<Cell>().Select(c => CsvRenderer.Quote(Text(c)))).Append("\r\n");
                var entry = zip.CreateEntry($"{++n:00}-{Application.ReportFileName.Slug(sheet.Name?.Value ?? $"arkusz-{n}")}.csv", CompressionLevel.Optimal);
                entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero); // the same report, the same bytes
                using var stream = entry.Open();
                var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
                stream.Write(utf8.GetPreamble());
                stream.Write(utf8.GetBytes(csv.ToString()));
            }
        }
        return output.ToArray();
    }

    /// <summary>A cell as the CSV writes it: the text, or the number with a decimal comma.</summary>
    private static string Text(Cell c) => c.DataType?.Value == CellValues.Number
        ? (c.CellValue?.Text ?? "").Replace('.', ',')
        : c.InnerText;
}
