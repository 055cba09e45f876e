using System.Globalization;
using System.Text;

namespace PupFeed.Csv;

/// <summary>A data row of the export as written in the file (line = its line number, the header being line 1).</summary>
public sealed record RawRow(long Line, string Unit, string Indicator, string Period, string Breakdown, string Value, string? Source);

/// <summary>A problem with one line of the file, in Polish; column is the header's name for it.</summary>
public sealed record LineError(long Line, string Column, string Message);

/// <summary>
/// Reads the export line by line (never the whole file): separator ';' (or tab, or ',' when no ';'),
/// a header naming the columns in Polish or English (case and diacritics ignored), fields optionally
/// in double quotes. Columns: teryt, wskaźnik, okres, przekrój (optional), wartość, źródło (optional).
/// </summary>
public sealed class ExportReader
{
    private static readonly Dictionary<string, string> HeaderNames = new(StringComparer.Ordinal)
    {
        ["teryt"] = "unit", ["jednostka"] = "unit", ["kod teryt"] = "unit", ["unit"] = "unit",
        ["wskaznik"] = "indicator", ["indicator"] = "indicator",
        ["okres"] = "period", ["period"] = "period",
        ["przekroj"] = "breakdown", ["breakdown"] = "breakdown",
        ["wartosc"] = "value", ["liczba"] = "value", ["value"] = "value",
        ["zrodlo"] = "source", ["source"] = "source",
    };

    public static readonly IReadOnlyDictionary<string, string> ColumnNames = new Dictionary<string, string>
    {
        ["unit"] = "teryt", ["indicator"] = "wskaźnik", ["period"] = "okres", ["breakdown"] = "przekrój",
        ["value"] = "wartość", ["source"] = "źródło", ["row"] = "wiersz",
    };

    /// <summary>Rows, or the errors of lines that cannot even be split into the columns.</summary>
    public static async IAsyncEnumerable<(RawRow? Row, LineError? Error)> ReadAsync(TextReader reader,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var header = await reader.ReadLineAsync(ct);
        if (header is null) { yield return (null, new LineError(1, "nagłówek", "Plik jest pusty.")); yield break; }
        var separator = header.Contains(';') ? ';' : header.Contains('\t') ? '\t' : ',';
        var columns = Split(header.TrimStart('\uFEFF'), separator).Select(h => HeaderNames.GetValueOrDefault(Fold(h))).ToArray();
        var missing = new[] { "unit", "indicator", "period", "value" }.Where(c => !columns.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            yield return (null, new LineError(1, "nagłówek",
                $"Brak kolumn: {string.Join(", ", missing.Select(c => ColumnNames[c]))}. Oczekiwany nagłówek: teryt;wskaźnik;okres;przekrój;wartość"));
            yield break;
        }
        int Index(string name) => Array.IndexOf(columns, name);
        int unit = Index("unit"), indicator = Index("indicator"), period = Index("period"), breakdown = Index("breakdown"),
            value = Index("value"), source = Index("source");

        long line = 1;
        while (await reader.ReadLineAsync(ct) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            var f = Split(text, separator);
            if (f.Count < columns.Length)
            {
                yield return (null, new LineError(line, "wiersz", $"Za mało kolumn: {f.Count} zamiast {columns.Length}."));
                continue;
            }
            string At(int i) => i < 0 ? "" : f[i].Trim();
            yield return (new RawRow(line, At(unit), At(indicator), At(period), At(breakdown), At(value), source < 0 || At(source).Length == 0 ? null : At(source)), null);
        }
    }

    /// <summary>"1 234,5" or "1234.5" (spaces, non-breaking spaces as thousands separators; comma or dot as decimal mark).</summary>
    public static bool TryParseValue(string text, out double value)
    {
        var s = text.Replace(" ", "").Replace("\u00A0", "").Replace("\u202F", "").Replace(',', '.');
        return double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The platform's forms (RRRR, RRRR-Qn, RRRR-MM) as they are, and the Polish habit MM.RRRR turned into RRRR-MM.</summary>
    public static string NormalizePeriod(string text)
    {
        var s = text.Trim();
        if (s.Length == 7 && s[2] == '.' && char.IsAsciiDigit(s[0]) && char.IsAsciiDigit(s[1])) return $"{s[3..]}-{s[..2]}";
        return s.ToUpperInvariant();
    }

    /// <summary>Lower case, Polish letters without diacritics, single spaces: how names are compared.</summary>
    public static string Fold(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Trim().ToLowerInvariant())
        {
            sb.Append(c switch
            {
                'ą' => 'a', 'ć' => 'c', 'ę' => 'e', 'ł' => 'l', 'ń' => 'n', 'ó' => 'o', 'ś' => 's', 'ź' or 'ż' => 'z',
                '_' => ' ',
                _ => c,
            });
        }
        return string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static List<string> Split(string line, char separator)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == separator) { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        fields.Add(sb.ToString());
        return fields;
    }
}
