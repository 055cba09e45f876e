using Platform.Text;
using System.Text;
using PupFeed.Cli;
using PupFeed.Csv;

namespace PupFeed.Reporting;

/// <summary>The clerk's report of a rejected file: every bad row with its column and reason, in Polish.</summary>
public static class FeedReport
{
    private const int ConsoleLines = 30;

    /// <summary>Writes FILE.bledy.txt next to the file (UTF-8 with BOM, so Notepad shows the Polish letters) and a summary to the console.</summary>
    public static string WriteRejected(ExportFile file, long rows, IReadOnlyList<LineError> errors, string foundBy, FeedConsole console)
    {
        var badLines = errors.Select(e => e.Line).Distinct().Count();
        var text = new StringBuilder()
            .AppendLine($"Raport pup-feed: plik {Path.GetFileName(file.Path)}")
            .AppendLine($"Data: {PolishFormat.DateTime(DateTimeOffset.Now)}")
            .AppendLine($"Wynik: ODRZUCONO — nic nie zostało zapisane. Popraw wskazane wiersze i wyślij plik ponownie.")
            .AppendLine($"Błędne wiersze: {PolishFormat.Number(badLines)} z {PolishFormat.Number(rows)} (wykryte: {foundBy}).")
            .AppendLine();
        foreach (var e in errors.OrderBy(e => e.Line))
            text.AppendLine(e.Line > 0 ? $"Wiersz {e.Line}, kolumna „{e.Column}”: {e.Message}" : $"{e.Column}: {e.Message}");

        var reportPath = file.Path + ".bledy.txt";
        File.WriteAllText(reportPath, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        console.Info($"ODRZUCONO plik {Path.GetFileName(file.Path)}: {PolishFormat.Count(badLines, "błędny wiersz", "błędne wiersze", "błędnych wierszy")} z {PolishFormat.Number(rows)}; nic nie zostało zapisane.");
        foreach (var e in errors.OrderBy(e => e.Line).Take(ConsoleLines))
            console.Info(e.Line > 0 ? $"  Wiersz {e.Line}, kolumna „{e.Column}”: {e.Message}" : $"  {e.Column}: {e.Message}");
        if (errors.Count > ConsoleLines) console.Info($"  … i {errors.Count - ConsoleLines:N0} kolejnych.");
        console.Info($"Pełny raport: {reportPath}");
        return reportPath;
    }
}
