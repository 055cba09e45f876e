using Platform.Text;
using Reporting.Api.Domain;
using ScottPlot;

namespace Reporting.Api.Rendering;

/// <summary>
/// A report's bar chart drawn by ScottPlot: labelled axes (the categories and the value with its unit), Polish number
/// format on the value axis and on every bar. SVG for HTML and the PDF printed from it, PNG for the DOCX.
/// </summary>
public static class ReportChart
{
    public const int Width = 900;
    public const int Height = 340;

    /// <summary>
    /// The SVG element alone (no XML declaration), to sit inline in HTML. Skia numbers its clip paths per process, so
    /// they are renamed per chart (<paramref name="idPrefix"/>): the same report comes out byte for byte the same, and two
    /// charts in one page never share an id.
    /// </summary>
    public static string Svg(BarChart chart, string idPrefix)
    {
        var xml = Plot(chart).GetSvgXml(Width, Height);
        var start = xml.IndexOf("<svg", StringComparison.Ordinal);
        if (start > 0) xml = xml[start..];
        var ids = new Dictionary<string, string>();
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(xml, "id=\"([^\"]+)\""))
            ids.TryAdd(m.Groups[1].Value, $"{idPrefix}-{ids.Count + 1}");
        return System.Text.RegularExpressions.Regex.Replace(xml, "(id=\"|url\\(#|href=\"#)([^\"\\)]+)",
            m => ids.TryGetValue(m.Groups[2].Value, out var renamed) ? m.Groups[1].Value + renamed : m.Value);
    }

    public static byte[] Png(BarChart chart) => Plot(chart).GetImageBytes(Width, Height, ImageFormat.Png);

    private static Plot Plot(BarChart chart)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        var bars = plot.Add.Bars(chart.Points.Select(p => (double)p.Value).ToArray());
        bars.Color = new Color(0x2b, 0x6c, 0xb0);
        foreach (var (bar, point) in bars.Bars.Zip(chart.Points)) bar.Label = PolishFormat.Number(point.Value);
        bars.ValueLabelStyle.FontSize = 11;
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, chart.Points.Count).Select(i => (double)i).ToArray(), chart.Points.Select(p => p.Label).ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => PolishFormat.Number((decimal)v) };
        plot.YLabel(chart.ValueLabel, size: 12);
        plot.XLabel(chart.CategoryLabel, size: 12);
        plot.Axes.Margins(bottom: 0, top: 0.12);
        plot.HideGrid();
        return plot;
    }
}
