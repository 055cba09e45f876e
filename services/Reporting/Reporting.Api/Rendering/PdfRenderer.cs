using System.Diagnostics;
using Microsoft.Extensions.Options;
using Reporting.Api.Domain;

namespace Reporting.Api.Rendering;

public sealed class PdfOptions
{
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(120);
}

/// <summary>
/// Prints the HTML rendering with headless Chromium, so the PDF is the HTML as printed (same
/// content, same fonts with Polish glyphs). Each run gets its own profile directory, removed after.
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
            var html = Path.Combine(dir.FullName, "report.html");
            var pdf = Path.Combine(dir.FullName, "report.pdf");
            await File.WriteAllTextAsync(html, HtmlRenderer.Render(report), ct);
            var psi = new ProcessStartInfo(options.Value.ChromiumPath)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var a in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                         "--disable-component-update", "--no-first-run", "--no-pdf-header-footer",
                         $"--user-data-dir={Path.Combine(dir.FullName, "profile")}", $"--print-to-pdf={pdf}", new Uri(html).AbsoluteUri])
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
        finally
        {
            try { dir.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static string Tail(string s) => s.Length > 500 ? s[^500..] : s;
}
