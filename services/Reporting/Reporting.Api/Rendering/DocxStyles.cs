using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Reporting.Api.Rendering;

/// <summary>The styles the DOCX uses, defined so Word shows real headings (and builds a table of contents from them).</summary>
public static class DocxStyles
{
    public static void Add(MainDocumentPart main)
    {
        var part = main.AddNewPart<StyleDefinitionsPart>();
        part.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Calibri", HighAnsi = "Calibri", ComplexScript = "Calibri" },
                    new FontSize { Val = "20" }, new Languages { Val = "pl-PL" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "80" }))),
            Paragraph("Normal", "Normal", null, null, isDefault: true),
            Paragraph("Title", "Title", 0, "36"),
            Paragraph("Heading1", "heading 1", 0, "28"),
            Paragraph("Heading2", "heading 2", 1, "24"),
            Paragraph("Subtitle", "Subtitle", null, "28"),
            Paragraph("TOCHeading", "TOC Heading", null, "28", bold: true),
            Paragraph("TOC1", "toc 1", null, null),
            Paragraph("TOC2", "toc 2", null, "18", indent: "440"),
            Paragraph("Header", "header", null, "16"),
            Paragraph("Footer", "footer", null, "16"),
            Paragraph("Caption", "caption", null, "18", bold: true, keepNext: true),
            Paragraph("TableText", "Table Text", null, "16"),
            new Style(new StyleName { Val = "Table Grid" }, new BasedOn { Val = "TableNormal" }) { Type = StyleValues.Table, StyleId = "TableGrid" },
            new Style(new StyleName { Val = "Normal Table" }, new UIPriority { Val = 99 }) { Type = StyleValues.Table, StyleId = "TableNormal", Default = true });
        part.Styles.Save();
    }

    private static Style Paragraph(string id, string name, int? outline, string? size, bool isDefault = false, bool bold = false, bool keepNext = false, string? indent = null)
    {
        var style = new Style(new StyleName { Val = name }) { Type = StyleValues.Paragraph, StyleId = id };
        if (isDefault) style.Default = true;
        else style.Append(new BasedOn { Val = "Normal" });
        // Headings and captions stay on the page of what follows them.
        if (outline is not null) style.Append(new StyleParagraphProperties(new KeepNext(), new OutlineLevel { Val = outline }));
        else if (keepNext) style.Append(new StyleParagraphProperties(new KeepNext()));
        else if (indent is not null) style.Append(new StyleParagraphProperties(new Indentation { Left = indent }));
        if (size is not null || outline is not null || bold)
        {
            var run = new StyleRunProperties();
            if (outline is not null || bold) run.Append(new Bold());
            if (size is not null) run.Append(new FontSize { Val = size });
            style.Append(run);
        }
        return style;
    }
}
