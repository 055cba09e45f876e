using System.Diagnostics;

namespace Reporting.Tests;

/// <summary>Text of a PDF through pdftotext (Debian poppler-utils; installed here if missing).</summary>
public static class PdfText
{
    private static readonly SemaphoreSlim InstallLock = new(1);

    /// <param name="layout">Keep the page's physical layout (a line of the contents with its page number at the end).</param>
    public static async Task<string> ExtractAsync(byte[] pdf, bool layout = false)
    {
        await EnsureInstalledAsync();
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, pdf);
            var (code, output) = layout
                ? await RunAsync("pdftotext", "-layout", "-enc", "UTF-8", file, "-")
                : await RunAsync("pdftotext", "-enc", "UTF-8", file, "-");
            Assert.True(code == 0, "pdftotext failed: " + output);
            return output;
        }
        finally { File.Delete(file); }
    }

    private static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (File.Exists("/usr/bin/pdftotext")) return;
            var (code, output) = await RunAsync("apt-get", "install", "-y", "poppler-utils");
            Assert.True(code == 0 && File.Exists("/usr/bin/pdftotext"), "pdftotext missing and could not be installed: " + output);
        }
        finally { InstallLock.Release(); }
    }

    private static async Task<(int, string)> RunAsync(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout + await stderr);
    }
}
