using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Platform.Contracts.Labour.V1;
using PupFeed.Checks;
using PupFeed.Cli;
using PupFeed.Csv;
using PupFeed.Reporting;

namespace PupFeed.Sending;

/// <summary>
/// One export file: read it (hash and encoding), check every row against the platform's lists, and only
/// if all rows are good stream it; the file is read again for sending rather than kept in memory.
/// </summary>
public sealed class FileFeed(FeedOptions options, LabourFeedClient client, FeedConsole console)
{
    /// <summary>The report of the last file (the watch folder moves it along with the file).</summary>
    public string? ReportPath { get; private set; }

    public async Task<int> SendAsync(string path, CancellationToken ct)
    {
        ReportPath = null;
        ExportFile file;
        try { file = await ExportFile.OpenAsync(path, ct); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Problem($"Nie można odczytać pliku {path}: {ex.Message}");
            return ExitCodes.Failed;
        }
        catch (ExportEncodingException ex)
        {
            console.Problem($"Plik {path} ma kodowanie, którego platforma nie czyta ({ex.Message}). Nic nie wysłano.");
            return ExitCodes.Rejected;
        }
        console.Info($"Plik {Path.GetFileName(path)}: {file.Bytes:N0} B, kodowanie {file.Encoding.WebName}, paczka {file.BatchId}");

        var (reference, problem) = await client.LoadReferenceAsync(ct);
        if (reference is null) return Finish(file, problem!, 0);

        var errors = new List<LineError>();
        long rows = 0;
        var today = DateOnly.FromDateTime(DateTime.Today);
        await foreach (var _ in CheckedRowsAsync(file, reference, today, errors, ct)) rows++;
        if (errors.Count > 0)
        {
            ReportPath = FeedReport.WriteRejected(file, rows + errors.Select(e => e.Line).Distinct().Count(), errors, "sprawdzenie lokalne", console);
            return ExitCodes.Rejected;
        }
        console.Info($"Sprawdzono {rows:N0} wierszy: bez błędów.");
        if (options.DryRun) return ExitCodes.Ok;

        var startedAt = DateTimeOffset.UtcNow;
        // The send starts the trace the platform continues (gateway, labour, the broker, reporting's read model):
        // its id lets an administrator find everything this file caused.
        using var trace = new Activity("pup-feed send").Start();
        var clock = Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        var outcome = await client.SubmitAsync(file.BatchId, () => CheckedRowsAsync(file, reference, today, [], ct), sent =>
        {
            if (clock.Elapsed - last < TimeSpan.FromSeconds(2) && sent < rows) return;
            last = clock.Elapsed;
            console.Progress($"Wysłano {sent:N0} z {rows:N0} wierszy ({(rows == 0 ? 100 : sent * 100 / rows)}%)");
        }, ct);
        console.Info($"Identyfikator śladu (dla administratora platformy): {trace.TraceId}");
        return Finish(file, outcome, rows, startedAt);
    }

    private int Finish(ExportFile file, SendOutcome outcome, long rows, DateTimeOffset? startedAt = null)
    {
        switch (outcome)
        {
            case SendOutcome.Accepted a:
                var r = a.Response;
                console.Info($"PRZYJĘTO paczkę {r.BatchId}: {r.Received:N0} wierszy — nowe {r.Accepted:N0}, korekty {r.Revised:N0}, bez zmian {r.Unchanged:N0} (przyjęta {r.ReceivedAt}).");
                // A re-run after a crash gets the first answer again; say so, or the clerk may think it was stored twice.
                if (startedAt is { } started && DateTimeOffset.TryParse(r.ReceivedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var receivedAt)
                    && receivedAt < started.AddSeconds(-1))
                    console.Info("Ten plik był już wcześniej przyjęty — nic nie zostało zapisane ponownie.");
                return ExitCodes.Ok;
            case SendOutcome.Rejected rejected:
                var errors = rejected.Response?.Rejections.Select(x => new LineError(x.Row, ExportReader.ColumnNames.GetValueOrDefault(x.Field, x.Field), x.Message)).ToList()
                    ?? rejected.Violations.Select(v => new LineError(0, v.Field, v.Description)).ToList();
                ReportPath = FeedReport.WriteRejected(file, rejected.Response?.Received ?? rows, errors, "platforma: " + rejected.Message, console);
                return ExitCodes.Rejected;
            case SendOutcome.Unavailable u:
                console.Problem($"Platforma niedostępna ({u.Message}). Nic nie zostało zapisane; uruchom ponownie później — to bezpieczne.");
                return ExitCodes.Unavailable;
            case SendOutcome.Failed f:
                console.Problem($"Błąd: {f.Message}");
                return ExitCodes.Failed;
            default:
                throw new UnreachableException();
        }
    }

    private static async IAsyncEnumerable<ObservationRow> CheckedRowsAsync(ExportFile file, ReferenceLists reference, DateOnly today,
        List<LineError> errors, [EnumeratorCancellation] CancellationToken ct)
    {
        using var reader = file.OpenText();
        await foreach (var (raw, error) in ExportReader.ReadAsync(reader, ct))
        {
            if (error is not null) { errors.Add(error); continue; }
            var row = LocalChecks.Check(raw!, reference, today, errors);
            if (row is not null) yield return row;
        }
    }
}
