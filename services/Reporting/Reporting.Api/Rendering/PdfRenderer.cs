using System.Diagnostics;
using Microsoft.Extensions.Options;
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
/// Two passes: the first print's bookmarks give each heading's page, the second prints them in the table of contents
/// (the contents take the same room in both, so no page moves). Each run gets its own profile directory, removed after.
/// </summary>
public sealed class PdfRenderer(IOptions<PdfOptions> options) : IReportRenderer
{
    public string Format => "pdf";
    public string ContentType => "application/pdf";

    public async Task<byte[]> RenderAsync(Report report, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("report-pdf-");
        try
        {
            var draft = await PrintAsync(dir, HtmlRenderer.Render(report), ct);
            var pages = HeadingPages(draft, HtmlRenderer.Contents(report).Count);
            return await PrintAsync(dir, HtmlRenderer.Render(report, pages), ct);
        }
        finally
        {
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

    private async Task<byte[]> PrintAsync(DirectoryInfo dir, string html, CancellationToken ct)
    {
        var htmlFile = Path.Combine(dir.FullName, "report.html");
        var pdf = Path.Combine(dir.FullName, "report.pdf");
        File.Delete(pdf);
        await File.WriteAllTextAsync(htmlFile, html, ct);
        var psi = new ProcessStartInfo(options.Value.ChromiumPath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--no-first-run", "--no-pdf-header-footer", "--generate-pdf-document-outline", "--export-tagged-pdf",
                     $"--user-data-dir={Path.Combine(dir.FullName, "profile")}", $"--print-to-pdf={pdf}", new Uri(htmlFile).AbsoluteUri])
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Chromium did not start.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.Timeout);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        _ = process.StandardOutput.ReadToEndAsync(timeout.Token);
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"Chromium did not finish printing the PDF within {options.Value.Timeout.TotalSeconds:0} s.");
        }
        if (!File.Exists(pdf) || new FileInfo(pdf).Length == 0)
            throw new InvalidOperationException($"Chromium exited with {process.ExitCode} and no PDF: {Tail(await stderr)}");
        return await File.ReadAllBytesAsync(pdf, ct);
    }

    private static string Tail(string s) => s.Length > 500 ? s[^500..] : s;
}
