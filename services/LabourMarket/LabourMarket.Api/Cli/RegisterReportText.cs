using Platform.Text;
using System.Globalization;
using System.Text;
using LabourMarket.Api.Territory;

namespace LabourMarket.Api.Cli;

/// <summary>An import report as an operator reads it in the terminal (Polish).</summary>
public static class RegisterReportText
{
    // A first load adds thousands of units: the lists name a few, the counts are always exact.
    private const int Listed = 20;

    private static readonly CultureInfo Polish = CultureInfo.GetCultureInfo("pl-PL");

    private static readonly Dictionary<string, string> LevelNames = new(StringComparer.Ordinal)
    {
        ["voivodeship"] = "województwa", ["powiat"] = "powiaty", ["gmina"] = "gminy",
        ["gmina_part"] = "części gmin", ["district"] = "dzielnice i delegatury",
    };

    public static string Format(RegisterImportReport r)
    {
        var text = new StringBuilder();
        text.AppendLine(r.Changed
            ? $"Rejestr TERYT zaktualizowany: wersja {r.Version}, stan na {r.StateAsOf:yyyy-MM-dd}."
            : $"Rejestr TERYT bez zmian: wersja {r.Version}, stan na {r.StateAsOf:yyyy-MM-dd} (plik zgodny z rejestrem; rejestr zostanie ponownie ogłoszony pozostałym usługom).");
        text.AppendLine($"Plik: {r.FileName ?? "(bez nazwy)"}, kodowanie {r.Encoding}, {PolishFormat.Count(r.Rows, "wiersz", "wiersze", "wierszy")}.");
        text.AppendLine($"Dodane: {N(r.Added)}, zmienione nazwy: {N(r.Renamed)}, zniesione: {N(r.Ended)}, przywrócone: {N(r.Reinstated)}.");
        text.AppendLine("Jednostki bieżące: " + string.Join(", ", r.Counts.Select(c => $"{LevelNames.GetValueOrDefault(c.Key, c.Key)} {N(c.Value)}")) + ".");
        // The first load adds every row of the file: a list of them says nothing.
        if (r.Added < r.Rows) List("Dodane", r.AddedUnits.Select(u => $"{u.Code} {u.DisplayName}").ToList(), text);
        List("Zmienione nazwy", r.RenamedUnits.Select(x => $"{x.Code} {x.OldName} → {x.NewName}").ToList(), text);
        List("Zniesione", r.EndedUnits.Select(u => $"{u.Code} {u.DisplayName} (do {u.ValidTo:yyyy-MM-dd})").ToList(), text);
        List("Przywrócone", r.ReinstatedUnits.Select(u => $"{u.Code} {u.DisplayName}").ToList(), text);
        return text.ToString();
    }

    private static void List(string title, IReadOnlyList<string> lines, StringBuilder text)
    {
        if (lines.Count == 0) return;
        text.AppendLine($"{title}:");
        foreach (var line in lines.Take(Listed)) text.AppendLine("  " + line);
        if (lines.Count > Listed) text.AppendLine($"  … i {N(lines.Count - Listed)} innych");
    }

    private static string N(int n) => n.ToString("N0", Polish);
}
