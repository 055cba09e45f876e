using Platform.Text;
using System.Globalization;
using System.Text;
using Reporting.Api.Domain;

namespace Reporting.Api.Rendering;

/// <summary>A bar chart as inline SVG (HTML, and so the PDF printed from it); coordinates invariant-formatted.</summary>
public static class SvgChart
{
    public const int Width = 640;
    public const int Height = 280;

    public static string Render(BarChart chart)
    {
        const int left = 60, right = 10, top = 20, bottom = 40;
        var max = chart.Points.Count == 0 ? 1 : Math.Max(1, chart.Points.Max(p => p.Value));
        var plotW = Width - left - right;
        var plotH = Height - top - bottom;
        var slot = plotW / (double)Math.Max(1, chart.Points.Count);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{Html.Encode(chart.Caption)}\">");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{top + plotH}\" x2=\"{Width - right}\" y2=\"{top + plotH}\" stroke=\"#333\"/>");
        for (var i = 0; i < chart.Points.Count; i++)
        {
            var p = chart.Points[i];
            var h = (double)(p.Value / max) * plotH;
            var x = left + i * slot + slot * 0.15;
            var w = slot * 0.7;
            var y = top + plotH - h;
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{w:0.#}\" height=\"{h:0.#}\" fill=\"#2b6cb0\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + w / 2:0.#}\" y=\"{y - 4:0.#}\" font-size=\"11\" text-anchor=\"middle\">{Html.Encode(PolishFormat.Number(p.Value))}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + w / 2:0.#}\" y=\"{top + plotH + 16}\" font-size=\"11\" text-anchor=\"middle\">{Html.Encode(p.Label)}</text>");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }
}
