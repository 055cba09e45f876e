using System.Text;
using Reporting.Api.Domain;

namespace Reporting.Api.Rendering;

/// <summary>
/// The direction table as CSV for Excel in Polish locale: UTF-8 with BOM (else Excel misreads the
/// diacritics), semicolon-separated, RFC 4180 quoting, CRLF.
/// </summary>
public sealed class CsvRenderer : IReportRenderer
{
    public string Format => "csv";
    public string ContentType => "text/csv; charset=utf-8";

    /// <summary>Column names in the officials' words (the status in Polish only: no code beside it).</summary>
    public static readonly string[] Header =
        ["Obszar", "Nazwa obszaru", "Cel operacyjny", "Nazwa celu operacyjnego", "Kierunek interwencji", "Nazwa kierunku", "Okres wpisu",
         "Realizacja TAK/NIE", "Sposób realizacji", "Sposób realizacji (zapis w sprawozdaniu)", "Co zrobiono", "Wnioski", "Realizatorzy"];

    public Task<byte[]> RenderAsync(Report report, CancellationToken ct)
    {
        var sb = new StringBuilder();
        Line(sb, Header);
        foreach (var r in report.Directions.Rows) Line(sb, Cells(r));
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        return Task.FromResult(bytes.GetPreamble().Concat(bytes.GetBytes(sb.ToString())).ToArray());
    }

    /// <summary>One direction's cells, shared with the XLSX export so both carry the same values.</summary>
    public static string[] Cells(DirectionRow r) =>
    [
        r.AreaCode, r.AreaName, r.GoalCode, r.GoalName, r.Code, r.Title, r.Period,
        r.Period == "" ? "" : StatusLabels.YesNo(r.Realized), r.Period == "" ? "brak wpisu" : StatusLabels.Label(r.Status), r.StatusText ?? "",
        r.Description ?? "", r.Conclusions ?? "", r.Implementers,
    ];

    private static void Line(StringBuilder sb, IEnumerable<string> cells)
    {
        sb.AppendJoin(';', cells.Select(Quote)).Append("\r\n");
    }

    public static string Quote(string s) =>
        s.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
