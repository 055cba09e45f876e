using Platform.Text;
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
            var why = ex switch
            {
                FileNotFoundException => "nie ma takiego pliku",
                DirectoryNotFoundException => "nie ma takiego katalogu",
                UnauthorizedAccessException => "brak uprawnień do odczytu",
                _ => $"błąd odczytu ({ex.Message})",
            };
            console.Problem($"Nie można odczytać pliku {path}: {why}.");
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
        console.Info($"Sprawdzono {PolishFormat.Count(rows, "wiersz", "wiersze", "wierszy")}: bez błędów.");
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
            console.Progress($"Wysłano {PolishFormat.Number(sent)} z {PolishFormat.Count(rows, "wiersza", "wierszy", "wierszy")} ({PolishFormat.Percent(rows == 0 ? 100 : sent * 100m / rows, 0)})");
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
                var counts = $"{PolishFormat.Count(r.Received, "wiersz", "wiersze", "wierszy")} — ";
                var parsed = DateTimeOffset.TryParse(r.ReceivedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var receivedAt);
                var when = parsed ? PolishFormat.DateTime(receivedAt) : r.ReceivedAt;
                // A re-run after a crash gets the first answer again: its counts are then's, and this run wrote nothing.
                if (startedAt is { } started && parsed && receivedAt < started.AddSeconds(-1))
                    console.Info($"PRZYJĘTO już wcześniej paczkę {r.BatchId} ({when}): {counts}wtedy nowe {PolishFormat.Number(r.Accepted)}, " +
                                 $"korekty {PolishFormat.Number(r.Revised)}, bez zmian {PolishFormat.Number(r.Unchanged)}. Teraz nic nie zostało zapisane ponownie.");
                else
                    console.Info($"PRZYJĘTO paczkę {r.BatchId}: {counts}nowe {PolishFormat.Number(r.Accepted)}, korekty {PolishFormat.Number(r.Revised)}, " +
                                 $"bez zmian {PolishFormat.Number(r.Unchanged)} (przyjęta {when}).");
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
        // The platform refuses a batch naming one figure twice; `check` must find it too, not pass what `send` then loses.
        var seen = new Dictionary<(string, string, string, string), long>();
        await foreach (var (raw, error) in ExportReader.ReadAsync(reader, ct))
        {
            if (error is not null) { errors.Add(error); continue; }
            var row = LocalChecks.Check(raw!, reference, today, errors);
            if (row is null) continue;
            if (seen.TryGetValue((row.Indicator, row.Unit, row.Period, row.Breakdown), out var first))
            {
                errors.Add(new LineError(raw!.Line, "wartość", $"Ta sama dana (wskaźnik, jednostka, okres i przekrój) jest już w wierszu {first}; zostaw jedną."));
                continue;
            }
            seen[(row.Indicator, row.Unit, row.Period, row.Breakdown)] = raw!.Line;
            yield return row;
        }
    }
}
