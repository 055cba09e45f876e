using Microsoft.Extensions.Options;
using PuppeteerSharp;
using Reporting.Api.Domain;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Outline;

namespace Reporting.Api.Rendering;

public sealed class PdfOptions
{
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(120);
}

/// <summary>
/// Prints the HTML rendering with headless Chromium, so the PDF is the HTML as printed (same content, same fonts with
/// Polish glyphs, the page boxes' running header and "Strona X z Y"), tagged and with bookmarks from the headings.
/// Two passes in one tab of the shared browser: the first print's bookmarks give each heading's page, the second prints
/// them in the table of contents (the contents take the same room in both, so no page moves).
/// </summary>
public sealed class PdfRenderer(ChromiumBrowser chromium, IOptions<PdfOptions> options) : IReportRenderer
{
    public string Format => "pdf";
    public string ContentType => "application/pdf";

    private static readonly PuppeteerSharp.PdfOptions Print = new()
    {
        PreferCSSPageSize = true, // the report's @page: A4 landscape, its margins and margin boxes
        PrintBackground = true,
        DisplayHeaderFooter = false,
        Tagged = true,
        Outline = true,
    };

    public async Task<byte[]> RenderAsync(Report report, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.Timeout);
        var dir = Directory.CreateTempSubdirectory("report-pdf-");
        var page = await chromium.NewPageAsync(timeout.Token);
        try
        {
            var pages = HeadingPages(await PrintAsync(page, dir, HtmlRenderer.Render(report), timeout.Token), HtmlRenderer.Contents(report).Count);
            return await PrintAsync(page, dir, HtmlRenderer.Render(report, pages), timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new InvalidOperationException($"Chromium did not finish printing the PDF within {options.Value.Timeout.TotalSeconds:0} s.");
        }
        finally
        {
            try { await page.CloseAsync(); } catch (Exception) { /* the browser went away with it */ }
            try { dir.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>The page of every heading, in document order, from the PDF's bookmarks (the title page and contents come first).</summary>
    public static IReadOnlyList<int> HeadingPages(byte[] pdf, int headings)
    {
        using var document = PdfDocument.Open(pdf);
        if (!document.TryGetBookmarks(out var bookmarks)) return [];
        var pages = new List<int>();
        void Walk(IEnumerable<BookmarkNode> nodes)
        {
            foreach (var node in nodes)
            {
                if (node is DocumentBookmarkNode d) pages.Add(d.PageNumber);
                Walk(node.Children);
            }
        }
        Walk(bookmarks.Roots);
        // The first bookmarks are the title page's heading and "Spis treści"; the report's own headings follow.
        return pages.Count >= headings ? pages.Skip(pages.Count - headings).ToList() : [];
    }

    /// <summary>
    /// The HTML goes to Chromium as a file and the PDF comes back as a stream: a large report (1,000 directions) would
    /// otherwise cross the DevTools socket as one JSON string each way, several copies of it in memory at once.
    /// </summary>
    private static async Task<byte[]> PrintAsync(IPage page, DirectoryInfo dir, string html, CancellationToken ct)
    {
        var file = Path.Combine(dir.FullName, "report.html");
        await File.WriteAllTextAsync(file, html, ct);
        await page.GoToAsync(new Uri(file).AbsoluteUri, WaitUntilNavigation.Load).WaitAsync(ct);
        await using var pdf = await page.PdfStreamAsync(Print).WaitAsync(ct);
        using var copy = new MemoryStream();
        await pdf.CopyToAsync(copy, ct);
        return copy.ToArray();
    }
}
