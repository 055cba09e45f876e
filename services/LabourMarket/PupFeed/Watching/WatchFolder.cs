using PupFeed.Cli;
using PupFeed.Sending;

namespace PupFeed.Watching;

/// <summary>
/// Unattended mode: every interval, each *.csv in the folder that has not changed for a while (so a file
/// still being copied is left alone) is sent; accepted files move to wyslane/, rejected ones with their
/// report to odrzucone/; while the platform is unreachable files stay where they are for the next round.
/// A crash between sending and moving is harmless: the next round re-sends, and the platform answers
/// "already accepted" for the same file contents.
/// </summary>
public sealed class WatchFolder(string folder, FeedOptions options, LabourFeedClient client, FeedConsole console)
{
    public const string SentFolder = "wyslane";
    public const string RejectedFolder = "odrzucone";

    public async Task<int> RunAsync(CancellationToken ct)
    {
        if (!Directory.Exists(folder))
        {
            console.Problem($"Katalog {folder} nie istnieje.");
            return ExitCodes.Usage;
        }
        console.Info($"Obserwuję katalog {Path.GetFullPath(folder)} ({(options.Once ? "jednorazowo" : $"co {options.WatchInterval.TotalSeconds:0} s")}).");
        while (true)
        {
            var worst = await RoundAsync(ct);
            if (options.Once) return worst;
            try { await Task.Delay(options.WatchInterval, ct); }
            catch (OperationCanceledException) { return ExitCodes.Ok; }
        }
    }

    private async Task<int> RoundAsync(CancellationToken ct)
    {
        var worst = ExitCodes.Ok;
        var settledBefore = DateTime.UtcNow - options.Settle;
        var files = Directory.EnumerateFiles(folder)
            .Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && File.GetLastWriteTimeUtc(f) <= settledBefore)
            .Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            if (ct.IsCancellationRequested) break;
            var feed = new FileFeed(options, client, console);
            var code = await feed.SendAsync(file, ct);
            worst = Math.Max(worst, code);
            switch (code)
            {
                case ExitCodes.Ok:
                    MoveAside(file, SentFolder);
                    break;
                case ExitCodes.Rejected:
                    MoveAside(file, RejectedFolder);
                    if (feed.ReportPath is { } report && File.Exists(report)) MoveAside(report, RejectedFolder);
                    break;
                case ExitCodes.Unavailable:
                    return worst; // the rest would fail the same way; all stay for the next round
            }
        }
        return worst;
    }

    private void MoveAside(string path, string subfolder)
    {
        var target = Path.Combine(folder, subfolder);
        Directory.CreateDirectory(target);
        var destination = Path.Combine(target, Path.GetFileName(path));
        if (File.Exists(destination))
            destination = Path.Combine(target, $"{Path.GetFileNameWithoutExtension(path)}.{DateTime.Now:yyyyMMdd-HHmmss}{Path.GetExtension(path)}");
        File.Move(path, destination);
        console.Info($"Przeniesiono {Path.GetFileName(path)} do {subfolder}/.");
    }
}
