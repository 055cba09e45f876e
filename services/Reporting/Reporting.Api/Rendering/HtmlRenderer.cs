using Platform.Text;
using System.Text;
using Reporting.Api.Domain;

namespace Reporting.Api.Rendering;

/// <summary>One self-contained, printable HTML file: styles inline, charts as inline SVG, no external references.</summary>
public sealed class HtmlRenderer : IReportRenderer
{
    public string Format => "html";
    public string ContentType => "text/html; charset=utf-8";

    private const string Css = """
        body{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;font-size:10pt;margin:2em;color:#111}
        h1{font-size:18pt}h2{font-size:14pt;margin-top:1.6em;border-bottom:1px solid #999}h3{font-size:11.5pt}
        table{border-collapse:collapse;width:100%;margin:.6em 0}caption{text-align:left;font-weight:bold;padding:.3em 0}
        th,td{border:1px solid #888;padding:3px 5px;vertical-align:top;text-align:left;white-space:pre-wrap}
        th{background:#e8eef5}thead{display:table-header-group}tr{page-break-inside:avoid}
        .finding{color:#8a1c1c}.cutoff{color:#444}
        @page{size:A4 landscape;margin:12mm}
        """;

    public Task<byte[]> RenderAsync(Report report, CancellationToken ct) => Task.FromResult(Encoding.UTF8.GetBytes(Render(report)));

    public static string Render(Report report)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"pl\"><head><meta charset=\"utf-8\"><title>").Append(E(report.Title)).Append("</title><style>")
          .Append(Css).Append("</style></head><body>\n");
        sb.Append("<h1>").Append(E(report.Title)).Append("</h1>\n<p><strong>").Append(E(report.Subtitle)).Append("</strong></p>\n");
        sb.Append("<p class=\"cutoff\">Stan danych na ").Append(E(PolishFormat.DateTime(report.DataCutOff))).Append("</p>\n");
        foreach (var section in report.Sections)
        {
            sb.Append("<h2>").Append(E(section.Title)).Append("</h2>\n");
            foreach (var block in section.Blocks) Block(sb, block);
        }
        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    private static void Block(StringBuilder sb, Block block)
    {
        switch (block)
        {
            case Paragraph p: sb.Append("<p>").Append(E(p.Text)).Append("</p>\n"); break;
            case Subheading h: sb.Append("<h3>").Append(E(h.Text)).Append("</h3>\n"); break;
            case BulletList l:
                sb.Append("<ul>");
                foreach (var i in l.Items) sb.Append("<li>").Append(E(i)).Append("</li>");
                sb.Append("</ul>\n");
                break;
            case Table t:
                sb.Append("<table><caption>").Append(E(t.Caption)).Append("</caption><thead><tr>");
                foreach (var h in t.Header) sb.Append("<th>").Append(E(h)).Append("</th>");
                sb.Append("</tr></thead><tbody>\n");
                foreach (var row in t.Rows)
                {
                    sb.Append("<tr>");
                    foreach (var c in row) sb.Append("<td>").Append(E(c)).Append("</td>");
                    sb.Append("</tr>\n");
                }
                sb.Append("</tbody></table>\n");
                break;
            case BarChart c:
                sb.Append("<figure>").Append(SvgChart.Render(c)).Append("<figcaption>").Append(E(c.Caption)).Append("</figcaption></figure>\n");
                break;
            case FindingList f:
                sb.Append("<ol class=\"findings\">");
                foreach (var x in f.Findings) sb.Append("<li class=\"finding\" data-rule=\"").Append(E(x.Rule)).Append("\">").Append(E(x.Text)).Append("</li>");
                sb.Append("</ol>\n");
                break;
        }
    }

    private static string E(string s) => Html.Encode(s);
}
