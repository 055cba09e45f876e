using System.Diagnostics;

namespace Reporting.Tests;

/// <summary>
/// Opens a DOCX the way an official's office suite would: LibreOffice headless (Debian libreoffice-writer-nogui,
/// installed by deploy/test.sh) converts it to PDF; a file it cannot read, or has to repair, gives no PDF.
/// </summary>
public static class LibreOffice
{
    public static async Task<byte[]> ToPdfAsync(byte[] docx)
    {
        var dir = Directory.CreateTempSubdirectory("lo-");
        try
        {
            var input = Path.Combine(dir.FullName, "raport.docx");
            await File.WriteAllBytesAsync(input, docx);
            var psi = new ProcessStartInfo("soffice") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in (string[])["--headless", "--norestore", "--nolockcheck", $"-env:UserInstallation=file://{dir.FullName}/profile",
                         "--convert-to", "pdf", "--outdir", dir.FullName, input])
                psi.ArgumentList.Add(a);
            using var process = Process.Start(psi)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            var pdf = Path.Combine(dir.FullName, "raport.pdf");
            Assert.True(process.ExitCode == 0 && File.Exists(pdf), $"LibreOffice could not open the DOCX: {await output} {await errors}");
            return await File.ReadAllBytesAsync(pdf);
        }
        finally
        {
            try { dir.Delete(recursive: true); } catch (IOException) { }
        }
    }
}
