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
            Paragraph("Caption", "caption", null, "18", bold: true),
            Paragraph("TableText", "Table Text", null, "16"),
            new Style(new StyleName { Val = "Table Grid" }, new BasedOn { Val = "TableNormal" }) { Type = StyleValues.Table, StyleId = "TableGrid" },
            new Style(new StyleName { Val = "Normal Table" }, new UIPriority { Val = 99 }) { Type = StyleValues.Table, StyleId = "TableNormal", Default = true });
        part.Styles.Save();
    }

    private static Style Paragraph(string id, string name, int? outline, string? size, bool isDefault = false, bool bold = false)
    {
        var style = new Style(new StyleName { Val = name }) { Type = StyleValues.Paragraph, StyleId = id };
        if (isDefault) style.Default = true;
        else style.Append(new BasedOn { Val = "Normal" });
        if (outline is not null) style.Append(new StyleParagraphProperties(new KeepNext(), new OutlineLevel { Val = outline }));
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
