using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PuppeteerSharp;

namespace Reporting.Api.Rendering;

/// <summary>
/// One headless Chromium for the service's lifetime, driven over the DevTools protocol: starting it costs about 1.5 s,
/// printing a report a fraction of that, so every print shares it (each in its own tab). Started on the first print,
/// started again if it died; its profile is a temporary directory removed when the service stops.
/// </summary>
public sealed class ChromiumBrowser(IOptions<PdfOptions> options, ILoggerFactory loggers) : IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private IBrowser? browser;
    private DirectoryInfo? profile;

    /// <summary>The running browser's profile directory (on its command line), or null before the first print.</summary>
    public string? ProfileDirectory => profile?.FullName;

    public async Task<IPage> NewPageAsync(CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            if (browser is null || browser.IsClosed || !browser.IsConnected)
            {
                await CloseAsync();
                profile = Directory.CreateTempSubdirectory("report-chromium-");
                browser = await Puppeteer.LaunchAsync(new LaunchOptions
                {
                    ExecutablePath = options.Value.ChromiumPath,
                    Headless = true,
                    UserDataDir = profile.FullName,
                    Timeout = (int)options.Value.Timeout.TotalMilliseconds,
                    ProtocolTimeout = (int)options.Value.Timeout.TotalMilliseconds,
                    Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                        "--disable-component-update", "--no-first-run", "--disable-extensions"],
                }, loggers);
            }
            return await browser.NewPageAsync();
        }
        finally { gate.Release(); }
    }

    private async Task CloseAsync()
    {
        if (browser is not null)
        {
            try { await browser.CloseAsync(); } catch (Exception) { /* already gone: nothing to close */ }
            browser.Dispose();
            browser = null;
        }
        try { profile?.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        profile = null;
    }

    public async ValueTask DisposeAsync()
    {
        await gate.WaitAsync();
        try { await CloseAsync(); } finally { gate.Release(); }
        gate.Dispose();
    }
}
