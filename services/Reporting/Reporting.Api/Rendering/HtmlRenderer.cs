using System.Text;
using Platform.Text;
using Reporting.Api.Domain;

namespace Reporting.Api.Rendering;

/// <summary>
/// One self-contained, printable HTML file: styles inline, charts as inline SVG, no external references. Printed (the
/// PDF), it has a title page, a table of contents, the report's name at the top and "Strona X z Y" at the foot of every
/// other page; headings stay with what follows them and short tables are not split.
/// </summary>
public sealed class HtmlRenderer : IReportRenderer
{
    public string Format => "html";
    public string ContentType => "text/html; charset=utf-8";

    /// <summary>Tables up to this many rows are kept on one page.</summary>
    private const int KeepTogetherRows = 12;

    private const string Css = """
        body{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;font-size:10pt;margin:2em;color:#111}
        h1{font-size:18pt}h2{font-size:14pt;margin-top:1.6em;border-bottom:1px solid #999}h3{font-size:11.5pt}
        h2,h3,caption,.caption{break-after:avoid;page-break-after:avoid}
        table{border-collapse:collapse;width:100%;margin:.6em 0}caption{text-align:left;font-weight:bold;padding:.3em 0}
        th,td{border:1px solid #888;padding:3px 5px;vertical-align:top;text-align:left;white-space:pre-wrap}
        th{background:#e8eef5}thead{display:table-header-group}
        table.keep,figure{break-inside:avoid;page-break-inside:avoid}figure{break-before:avoid}
        figure{margin:.8em 0}figure svg{max-width:100%;height:auto}figcaption{font-weight:bold;margin-top:.3em}
        .finding{color:#8a1c1c}.cutoff{color:#444}
        .title-page{min-height:80vh;display:flex;flex-direction:column;justify-content:center;break-after:page;page-break-after:always}
        .title-page .kind{font-size:14pt;text-transform:uppercase;letter-spacing:.05em;color:#1f4e8c;margin:0}
        .title-page h1{font-size:24pt;margin:.4em 0}.title-page dl{display:grid;grid-template-columns:max-content 1fr;gap:.3em 1em;margin-top:2em}
        .title-page dt{font-weight:bold}.title-page dd{margin:0}.title-page .author{margin-top:3em;color:#444}
        nav.toc{break-after:page;page-break-after:always}nav.toc ol{list-style:none;padding-left:0}nav.toc ol ol{padding-left:1.5em}
        nav.toc li{display:flex;gap:.5em}nav.toc li>a{flex:1;color:#111;text-decoration:none}nav.toc .page{min-width:2.5em;text-align:right}
        nav.toc li.sub{font-size:9.5pt}
        @page{size:A4 landscape;margin:16mm 12mm 14mm}
        """;

    public Task<byte[]> RenderAsync(Report report, CancellationToken ct) => Task.FromResult(Encoding.UTF8.GetBytes(Render(report)));

    /// <summary>The headings of the table of contents in document order: sections, and the subheadings within them.</summary>
    public static IReadOnlyList<(string Id, string Text, int Level)> Contents(Report report)
    {
        var list = new List<(string, string, int)>();
        for (var s = 0; s < report.Sections.Count; s++)
        {
            var section = report.Sections[s];
            list.Add(($"s{s + 1}", $"{s + 1}. {section.Title}", 1));
            var sub = 0;
            foreach (var block in section.Blocks)
                if (block is Subheading h) list.Add(($"s{s + 1}-{++sub}", h.Text, 2));
        }
        return list;
    }

    /// <param name="pages">The page of each heading of <see cref="Contents"/> in the printed file (the PDF's second pass), else none.</param>
    public static string Render(Report report, IReadOnlyList<int>? pages = null)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"pl\"><head><meta charset=\"utf-8\"><title>").Append(E(report.Title)).Append(" – ").Append(E(report.Subtitle))
          .Append("</title><meta name=\"author\" content=\"").Append(E(report.Front.Owner)).Append("\"><meta name=\"description\" content=\"")
          .Append(E($"{report.Front.KindLabel}: {report.Subtitle}, {report.Front.Scope}")).Append("\"><style>").Append(Css)
          .Append(PageBoxes(report)).Append("</style></head><body>\n");
        TitlePage(sb, report);
        Toc(sb, report, pages);
        var charts = 0;
        for (var s = 0; s < report.Sections.Count; s++)
        {
            var section = report.Sections[s];
            sb.Append("<h2 id=\"s").Append(s + 1).Append("\">").Append(s + 1).Append(". ").Append(E(section.Title)).Append("</h2>\n");
            var sub = 0;
            foreach (var block in section.Blocks)
            {
                if (block is Subheading h) sb.Append("<h3 id=\"s").Append(s + 1).Append('-').Append(++sub).Append("\">").Append(E(h.Text)).Append("</h3>\n");
                else Block(sb, block, ref charts);
            }
        }
        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    /// <summary>The running header (not on the title page) and "Strona X z Y" (on every page) in the page margins (CSS paged media).</summary>
    private static string PageBoxes(Report report) =>
        "@page{@top-left{content:\"" + CssString(report.RunningHeader) + "\";" + BoxFont + "}" +
        "@bottom-right{content:\"Strona \" counter(page) \" z \" counter(pages);" + BoxFont + "}}" +
        "@page:first{@top-left{content:none}}";

    private const string BoxFont = "font-family:\"DejaVu Sans\",\"Liberation Sans\",Arial,sans-serif;font-size:8pt;color:#555";

    private static void TitlePage(StringBuilder sb, Report report)
    {
        var f = report.Front;
        sb.Append("<section class=\"title-page\"><p class=\"kind\">").Append(E(f.KindLabel)).Append("</p><h1>").Append(E(f.StrategyName)).Append("</h1>");
        sb.Append("<p><strong>").Append(E(report.Title)).Append("</strong></p><dl>");
        Fact(sb, "Okres obowiązywania strategii", f.StrategyPeriod);
        if (f.AdoptedBy is not null) Fact(sb, "Przyjęta", f.AdoptedBy);
        Fact(sb, "Właściciel", f.Owner);
        if (f.Area is not null) Fact(sb, "Obszar", f.Area);
        Fact(sb, "Raport obejmuje", f.Scope);
        Fact(sb, "Stan danych na", PolishFormat.DateTime(report.DataCutOff) + " (czas polski)");
        sb.Append("</dl><p class=\"author\">").Append(E(f.Author)).Append("</p></section>\n");
    }

    private static void Fact(StringBuilder sb, string term, string value) =>
        sb.Append("<dt>").Append(E(term)).Append("</dt><dd>").Append(E(value)).Append("</dd>");

    private static void Toc(StringBuilder sb, Report report, IReadOnlyList<int>? pages)
    {
        var contents = Contents(report);
        sb.Append("<nav class=\"toc\" aria-labelledby=\"toc-h\"><h2 id=\"toc-h\">Spis treści</h2><ol>");
        for (var i = 0; i < contents.Count; i++)
        {
            var (id, text, level) = contents[i];
            sb.Append(level == 1 ? "<li>" : "<li class=\"sub\">").Append("<a href=\"#").Append(id).Append("\">").Append(E(level == 1 ? text : $"\u2003{text}"))
              .Append("</a><span class=\"page\">").Append(pages is not null && i < pages.Count && pages[i] > 0 ? pages[i].ToString() : "")
              .Append("</span></li>");
        }
        sb.Append("</ol></nav>\n");
    }

    private static void Block(StringBuilder sb, Block block, ref int charts)
    {
        switch (block)
        {
            case Paragraph p: sb.Append("<p>").Append(E(p.Text)).Append("</p>\n"); break;
            case BulletList l:
                sb.Append("<ul>");
                foreach (var i in l.Items) sb.Append("<li>").Append(E(i)).Append("</li>");
                sb.Append("</ul>\n");
                break;
            case Table t:
                sb.Append(t.Rows.Count <= KeepTogetherRows ? "<table class=\"keep\">" : "<table>").Append("<caption>").Append(E(t.Caption)).Append("</caption><thead><tr>");
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
                sb.Append("<figure role=\"img\" aria-label=\"").Append(E(Describe(c))).Append("\">").Append(ReportChart.Svg(c, $"chart{++charts}"))
                  .Append("<figcaption>").Append(E(c.Caption)).Append("</figcaption></figure>\n");
                break;
            case FindingList f:
                sb.Append("<ol class=\"findings\">");
                foreach (var x in f.Findings) sb.Append("<li class=\"finding\" data-rule=\"").Append(E(x.Rule)).Append("\">").Append(E(x.Text)).Append("</li>");
                sb.Append("</ol>\n");
                break;
        }
    }

    /// <summary>The chart's figures in words, for readers who do not see it.</summary>
    private static string Describe(BarChart c) =>
        $"{c.Caption}: " + string.Join(", ", c.Points.Select(p => $"{p.Label} – {PolishFormat.Number(p.Value)}"));

    private static string CssString(string s) => s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", " ");

    private static string E(string s) => Html.Encode(s);
}
