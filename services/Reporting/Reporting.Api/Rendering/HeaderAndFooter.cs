using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Reporting.Api.Rendering;

/// <summary>The DOCX's running header (the report and the strategy) and its "Strona X z Y" footer from PAGE and NUMPAGES fields.</summary>
public static class HeaderAndFooter
{
    public static string Header(MainDocumentPart main, string text)
    {
        var part = main.AddNewPart<HeaderPart>();
        part.Header = new Header(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Header" }), new Run(new Text(text))));
        part.Header.Save();
        return main.GetIdOfPart(part);
    }

    public static string Footer(MainDocumentPart main)
    {
        var part = main.AddNewPart<FooterPart>();
        part.Footer = new Footer(new Paragraph(
            new ParagraphProperties(new ParagraphStyleId { Val = "Footer" }, new Justification { Val = JustificationValues.Right }),
            new Run(new Text("Strona ") { Space = SpaceProcessingModeValues.Preserve }),
            new SimpleField(new Run(new Text("1"))) { Instruction = " PAGE " },
            new Run(new Text(" z ") { Space = SpaceProcessingModeValues.Preserve }),
            new SimpleField(new Run(new Text("1"))) { Instruction = " NUMPAGES " }));
        part.Footer.Save();
        return main.GetIdOfPart(part);
    }
}
