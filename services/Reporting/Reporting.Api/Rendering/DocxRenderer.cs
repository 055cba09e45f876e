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
            Properties(doc, report);
            var main = doc.AddMainDocumentPart();
            DocxStyles.Add(main);
            // Word refreshes the table of contents (and the page fields) when the document opens.
            main.AddNewPart<DocumentSettingsPart>().Settings = new Settings(new UpdateFieldsOnOpen { Val = true });
            var body = new Body();
            TitlePage(body, report);
            Contents(body, report);
            var imageNo = 0u;
            for (var s = 0; s < report.Sections.Count; s++)
            {
                var section = report.Sections[s];
                body.Append(Para($"{s + 1}. {section.Title}", "Heading1"));
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
                            body.Append(Picture(main, ReportChart.Png(c), ++imageNo, c.Caption));
                            body.Append(Para(c.Caption, "Caption"));
                            break;
                        case FindingList f:
                            var n = 0;
                            foreach (var x in f.Findings) body.Append(Para($"{++n}. {x.Text}", null));
                            break;
                    }
                }
            }
            var (header, footer) = (HeaderAndFooter.Header(main, report.RunningHeader), HeaderAndFooter.Footer(main));
            body.Append(new SectionProperties(
                new HeaderReference { Type = HeaderFooterValues.Default, Id = header },
                new FooterReference { Type = HeaderFooterValues.Default, Id = footer },
                new FooterReference { Type = HeaderFooterValues.First, Id = HeaderAndFooter.Footer(main) },
                new PageSize { Width = 16838, Height = 11906, Orient = PageOrientationValues.Landscape },
                new PageMargin { Top = 900, Bottom = 800, Left = 680, Right = 680, Header = 400, Footer = 400, Gutter = 0 },
                new DocumentFormat.OpenXml.Wordprocessing.TitlePage())); // the title page: its page number, no running header
            main.Document = new Document(body);
            main.Document.Save();
        }
        return Task.FromResult(stream.ToArray());
    }

    /// <summary>Title, author, subject, language and dates as Word's "Properties" shows them.</summary>
    private static void Properties(WordprocessingDocument doc, Report report)
    {
        var p = doc.PackageProperties;
        p.Title = $"{report.Title} – {report.Subtitle}";
        p.Subject = report.Front.KindLabel;
        p.Creator = report.Front.Owner;
        p.Language = "pl-PL";
        p.Keywords = "strategia rozwoju; monitoring; ewaluacja";
        p.Description = $"{report.Front.Scope}; {report.Front.Author}";
        p.Created = report.DataCutOff.UtcDateTime;
    }

    private static void TitlePage(Body body, Report report)
    {
        var f = report.Front;
        body.Append(Para(f.KindLabel, "Subtitle"));
        body.Append(Para(f.StrategyName, "Title"));
        body.Append(Para(report.Title, null, bold: true));
        body.Append(Para($"Okres obowiązywania strategii: {f.StrategyPeriod}", null));
        if (f.AdoptedBy is not null) body.Append(Para($"Przyjęta: {f.AdoptedBy}", null));
        body.Append(Para($"Właściciel: {f.Owner}", null));
        if (f.Area is not null) body.Append(Para($"Obszar: {f.Area}", null));
        body.Append(Para($"Raport obejmuje: {f.Scope}", null));
        body.Append(Para($"Stan danych na: {PolishFormat.DateTime(report.DataCutOff)} (czas polski)", null));
        body.Append(Para(f.Author, null));
        body.Append(new DocumentFormat.OpenXml.Wordprocessing.Paragraph(new Run(new Break { Type = BreakValues.Page })));
    }

    /// <summary>
    /// "Spis treści" as a real TOC field over headings 1–2 (Word updates it with page numbers); until then it lists the
    /// headings, so the first look is not an empty field.
    /// </summary>
    private static void Contents(Body body, Report report)
    {
        body.Append(Para("Spis treści", "TOCHeading"));
        var begin = new DocumentFormat.OpenXml.Wordprocessing.Paragraph(
            new Run(new FieldChar { FieldCharType = FieldCharValues.Begin, Dirty = true }),
            new Run(new FieldCode(" TOC \\o \"1-2\" \\h \\z \\u ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }));
        body.Append(begin);
        foreach (var (_, text, level) in HtmlRenderer.Contents(report)) body.Append(Para(text, level == 1 ? "TOC1" : "TOC2"));
        body.Append(new DocumentFormat.OpenXml.Wordprocessing.Paragraph(new Run(new FieldChar { FieldCharType = FieldCharValues.End })));
        body.Append(new DocumentFormat.OpenXml.Wordprocessing.Paragraph(new Run(new Break { Type = BreakValues.Page })));
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

    private static DocumentFormat.OpenXml.Wordprocessing.Paragraph Picture(MainDocumentPart main, byte[] png, uint id, string description)
    {
        var part = main.AddImagePart(ImagePartType.Png);
        using (var s = new MemoryStream(png)) part.FeedData(s);
        var relId = main.GetIdOfPart(part);
        const long cx = 8_640_000L, cy = 3_264_000L; // EMU: 24 × 9.07 cm, the PNG's 900:340
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
            new DW.DocProperties { Id = id, Name = $"Wykres {id}", Description = description },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            graphic)
        { DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U };
        // The picture stays on the page of its caption below it.
        return new DocumentFormat.OpenXml.Wordprocessing.Paragraph(new ParagraphProperties(new KeepNext()), new Run(new Drawing(inline)));
    }
}
