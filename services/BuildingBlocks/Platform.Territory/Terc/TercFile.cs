using System.Globalization;

namespace Platform.Territory;

/// <summary>
/// Reads a GUS TERC file (<c>WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA</c>, UTF-8 or Windows-1250, CRLF or LF).
/// Every problem is collected and reported at once (<see cref="TercFormatException"/>); nothing is returned from a bad file.
/// </summary>
public static class TercFile
{
    public const string Header = "WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA";
    private const int MaxErrors = 500; // beyond that a report only repeats the same mistake
    private const int MaxBytes = 16 * 1024 * 1024;

    public static TercSnapshot Parse(Stream file)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        for (int read; (read = file.Read(chunk)) > 0;)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes) // the whole of Poland is about 200 kB; this is not a TERC file
                throw new TercFormatException([new TercError(0, "file", $"Plik jest za duży (ponad {MaxBytes / 1024 / 1024} MB); plik TERC ma kilkaset kB.")]);
        }
        var decoded = Platform.Text.PolishTextFile.Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        if (decoded.Text is not { } text)
            throw new TercFormatException([new TercError(decoded.Line, "encoding", $"Zepsute kodowanie (wiersz {decoded.Line}): {decoded.Problem}.")]);
        var encoding = decoded.Encoding;

        var errors = new TercErrors(MaxErrors);
        var rows = new List<TercRow>(4400);
        var headerSeen = false;
        DateOnly? stateAsOf = null;
        var stateLine = 0;
        var lineNo = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNo++;
            var line = rawLine.TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (!headerSeen)
            {
                headerSeen = true;
                if (!IsHeader(line))
                    throw new TercFormatException([new TercError(lineNo, "header",
                        $"Nieoczekiwany nagłówek „{Shorten(line.Trim())}”; plik TERC zaczyna się nagłówkiem {Header}.")]);
                continue;
            }
            var row = TercRow.Read(line, lineNo, errors);
            if (row is null) continue;
            rows.Add(row);
            if (row.StateAsOf is null) continue;
            if (stateAsOf is null) (stateAsOf, stateLine) = (row.StateAsOf, lineNo);
            else if (row.StateAsOf != stateAsOf)
                errors.Add(lineNo, "STAN_NA", $"Data stanu {row.StateAsOf:yyyy-MM-dd} różni się od {stateAsOf:yyyy-MM-dd} " +
                    $"z wiersza {stateLine}; cały plik ma jeden stan.");
        }
        if (!headerSeen) throw new TercFormatException([new TercError(1, "header", $"Plik jest pusty; oczekiwano nagłówka {Header}.")]);
        if (rows.Count == 0 && !errors.Any) errors.Add(lineNo, "file", "Plik nie zawiera żadnej jednostki.");

        var units = TercHierarchy.Link(rows, errors);
        errors.ThrowIfAny();
        return new TercSnapshot(stateAsOf!.Value, units, encoding);
    }

    private static bool IsHeader(string line)
    {
        var names = line.Trim().TrimStart('\uFEFF').Split(';');
        var expected = Header.Split(';');
        return names.Length == expected.Length
            && names.Select(n => n.Trim().Trim('"')).SequenceEqual(expected, StringComparer.OrdinalIgnoreCase);
    }

    internal static string Shorten(string value) => value.Length <= 80 ? value : value[..80] + "…";

    internal static bool TryParseDate(string value, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}

/// <summary>The problems found so far, capped so a wholly wrong file still gets a readable answer.</summary>
internal sealed class TercErrors(int max)
{
    private readonly List<TercError> _errors = [];
    private int _dropped;

    public bool Any => _errors.Count > 0;

    public void Add(int line, string field, string message)
    {
        if (_errors.Count < max) _errors.Add(new TercError(line, field, message));
        else _dropped++;
    }

    public void ThrowIfAny()
    {
        if (!Any) return;
        var all = _errors.OrderBy(e => e.Line).ToList(); // the structural checks run after the rows
        if (_dropped > 0) all.Add(new TercError(0, "file", $"Pokazano pierwsze {max} błędów; pominięto {_dropped} kolejnych."));
        throw new TercFormatException(all);
    }
}
