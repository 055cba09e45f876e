using System.Text;

namespace Catalogue.Api.Import;

/// <summary>
/// RFC 4180 CSV: quoted fields may hold the delimiter, doubled quotes and line breaks. The delimiter
/// (',' or ';' — Polish spreadsheets export ';') is taken from the header line.
/// </summary>
public static class CsvParser
{
    public sealed class MalformedCsvException(string message) : Exception(message);

    public static List<string[]> Parse(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var firstLine = text.AsSpan(0, Math.Max(0, text.IndexOfAny(['\r', '\n']) is var i and >= 0 ? i : text.Length));
        var delimiter = firstLine.Count(';') > firstLine.Count(',') ? ';' : ',';

        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        var quoteLine = 0;
        for (var p = 0; p < text.Length; p++)
        {
            var c = text[p];
            if (quoted)
            {
                if (c == '"')
                {
                    if (p + 1 < text.Length && text[p + 1] == '"') { field.Append('"'); p++; }
                    else quoted = false;
                }
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
                continue;
            }
            if (c == '"')
            {
                if (field.Length > 0) throw new MalformedCsvException($"Cudzysłów w środku pola (linia {line}).");
                quoted = true;
                quoteLine = line;
            }
            else if (c == delimiter) { row.Add(field.ToString()); field.Clear(); }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && p + 1 < text.Length && text[p + 1] == '\n') p++;
                line++;
                row.Add(field.ToString());
                field.Clear();
                if (!(row.Count == 1 && row[0].Length == 0)) rows.Add([.. row]);
                row.Clear();
            }
            else field.Append(c);
        }
        if (quoted) throw new MalformedCsvException($"Niezamknięty cudzysłów (od linii {quoteLine}).");
        row.Add(field.ToString());
        if (!(row.Count == 1 && row[0].Length == 0)) rows.Add([.. row]);
        return rows;
    }
}
