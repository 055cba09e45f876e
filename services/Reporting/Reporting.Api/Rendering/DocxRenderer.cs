using Platform.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Reporting.Api.Domain;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;
using DomainTable = Reporting.Api.Domain.Table;
using DomainParagraph = Reporting.Api.Domain.Paragraph;
using Table = DocumentFormat.OpenXml.Wordprocessing.Table;

namespace Reporting.Api.Rendering;

/// <summary>
/// A Word document officials can edit: real heading styles (navigation pane, table of contents),
/// tables whose header row repeats on every page, charts as pictures, landscape A4.
/// </summary>
public sealed class DocxRenderer : IReportRenderer
{
    public string Format => "docx";
    public string ContentType => "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public Task<byte[]> RenderAsync(Report report, CancellationToken ct)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            DocxStyles.Add(main);
            var body = new Body();
            body.Append(Para(report.Title, "Title"));
            body.Append(Para(report.Subtitle, null, bold: true));
            body.Append(Para($"Stan danych na {PolishFormat.DateTime(report.DataCutOff)}", null));
            var imageNo = 0u;
            foreach (var section in report.Sections)
            {
                body.Append(Para(section.Title, "Heading1"));
                foreach (var block in section.Blocks)
                {
                    switch (block)
                    {
                        case DomainParagraph p: body.Append(Para(p.Text, null)); break;
                        case Subheading h: body.Append(Para(h.Text, "Heading2")); break;
                        case BulletList l:
                            foreach (var item in l.Items) body.Append(Para("• " + item, null));
                            break;
                        case DomainTable t:
                            body.Append(Para(t.Caption, "Caption"));
                            body.Append(TableOf(t));
                            break;
                        case BarChart c:
                            body.Append(Picture(main, PngBarChart.Render(c), ++imageNo));
                            body.Append(Para(c.Caption, "Caption"));
                            break;
                        case FindingList f:
                            var n = 0;
                            foreach (var x in f.Findings) body.Append(Para($"{++n}. {x.Text}", null));
                            break;
                    }
                }
            }
            body.Append(new SectionProperties(
                new PageSize { Width = 16838, Height = 11906, Orient = PageOrientationValues.Landscape },
                new PageMargin { Top = 680, Bottom = 680, Left = 680, Right = 680, Header = 400, Footer = 400, Gutter = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return Task.FromResult(stream.ToArray());
    }

    private static DocumentFormat.OpenXml.Wordprocessing.Paragraph Para(string text, string? style, bool bold = false)
    {
        var p = new DocumentFormat.OpenXml.Wordprocessing.Paragraph();
        if (style is not null) p.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var run = new Run();
            if (bold) run.Append(new RunProperties(new Bold()));
            if (i > 0) run.Append(new Break());
            run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
            p.Append(run);
        }
        return p;
    }

    private static Table TableOf(DomainTable t)
    {
        const int totalWidth = 15400; // twentieths of a point: the landscape text width
        var widthSum = Math.Max(1, t.Widths.Sum());
        var widths = t.Widths.Select(w => (int)(totalWidth * (long)w / widthSum)).ToArray();
        var table = new Table(new TableProperties(
            new TableStyle { Val = "TableGrid" },
            new TableWidth { Width = totalWidth.ToString(), Type = TableWidthUnitValues.Dxa },
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 }, new LeftBorder { Val = BorderValues.Single, Size = 4 },
                new BottomBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })));
        var grid = new TableGrid();
        foreach (var w in widths) grid.Append(new GridColumn { Width = w.ToString() });
        table.Append(grid);
        // The header row repeats at the top of every page the table spans.
        var header = new TableRow(new TableRowProperties(new TableHeader()));
        for (var i = 0; i < t.Header.Count; i++) header.Append(Cell(t.Header[i], widths.ElementAtOrDefault(i), true));
        table.Append(header);
        foreach (var row in t.Rows)
        {
            var tr = new TableRow(new TableRowProperties(new CantSplit()));
            for (var i = 0; i < row.Count; i++) tr.Append(Cell(row[i], widths.ElementAtOrDefault(i), false));
            table.Append(tr);
        }
        return table;
    }

    private static TableCell Cell(string text, int width, bool header)
    {
        var props = new TableCellProperties(new TableCellWidth { Width = width.ToString(), Type = TableWidthUnitValues.Dxa });
        if (header) props.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "E8EEF5" });
        return new TableCell(props, Para(text, "TableText", bold: header));
    }

    private static DocumentFormat.OpenXml.Wordprocessing.Paragraph Picture(MainDocumentPart main, byte[] png, uint id)
    {
        var part = main.AddImagePart(ImagePartType.Png);
        using (var s = new MemoryStream(png)) part.FeedData(s);
        var relId = main.GetIdOfPart(part);
        const long cx = 8_000_000L, cy = 3_000_000L; // EMU: about 22 × 8.3 cm, the PNG's 8:3
        var graphic = new A.Graphic(new A.GraphicData(
            new PIC.Picture(
                new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = 0U, Name = $"chart{id}.png" }, new PIC.NonVisualPictureDrawingProperties()),
                new PIC.BlipFill(new A.Blip { Embed = relId }, new A.Stretch(new A.FillRectangle())),
                new PIC.ShapeProperties(
                    new A.Transform2D(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = cx, Cy = cy }),
                    new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
        { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" });
        var inline = new DW.Inline(
            new DW.Extent { Cx = cx, Cy = cy },
            new DW.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
            new DW.DocProperties { Id = id, Name = $"Wykres {id}" },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            graphic)
        { DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U };
        return new DocumentFormat.OpenXml.Wordprocessing.Paragraph(new Run(new Drawing(inline)));
    }
}
