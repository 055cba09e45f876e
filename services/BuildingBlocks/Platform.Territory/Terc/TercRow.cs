namespace Platform.Territory;

/// <summary>One line of a TERC file with its fields checked one by one (the links between lines are <see cref="TercHierarchy"/>'s).
/// A row whose code is readable but another field is not (<see cref="Valid"/> false) still counts as present, so the units
/// under it are not reported as orphans too.</summary>
internal sealed record TercRow(int Line, string Woj, string Pow, string Gmi, char Rodz, string Name, string? Description, DateOnly? StateAsOf, bool Valid)
{
    private static readonly string[] Columns = TercFile.Header.Split(';');

    /// <summary>The row (problems added to <paramref name="errors"/>), or null when even its code cannot be read.</summary>
    public static TercRow? Read(string line, int lineNo, TercErrors errors)
    {
        var fields = line.Split(';');
        if (fields.Length != Columns.Length)
        {
            errors.Add(lineNo, "columns", $"Wiersz ma {fields.Length} pól oddzielonych średnikiem, a powinien mieć {Columns.Length} ({TercFile.Header}).");
            return null;
        }
        for (var i = 0; i < fields.Length; i++) fields[i] = fields[i].Trim();
        var ok = true;
        for (var i = 0; i < fields.Length; i++)
            if (fields[i].AsSpan().IndexOfAnyInRange('\0', '\u001F') >= 0 || fields[i].Contains('\uFFFD') || fields[i].AsSpan().IndexOfAnyInRange('\u007F', '\u009F') >= 0)
            {
                errors.Add(lineNo, "encoding", $"Pole {Columns[i]} zawiera znak spoza kodowania pliku lub znak sterujący: „{TercFile.Shorten(fields[i])}”.");
                ok = false;
            }

        var (woj, pow, gmi, rodz, name, description, state) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6]);
        var codeOk = CheckCode(woj, "WOJ", "województwa", required: true, lineNo, errors);
        codeOk &= CheckCode(pow, "POW", "powiatu", required: false, lineNo, errors);
        codeOk &= CheckCode(gmi, "GMI", "gminy", required: false, lineNo, errors);
        if (rodz.Length > 0 && (rodz.Length != 1 || !"1234589".Contains(rodz[0])))
        {
            errors.Add(lineNo, "RODZ", $"Nieznany rodzaj jednostki „{TercFile.Shorten(rodz)}”; dozwolone: 1, 2, 3, 4, 5, 8, 9.");
            codeOk = false;
        }
        if (gmi.Length > 0 && pow.Length == 0)
        {
            errors.Add(lineNo, "POW", "Gmina (GMI) wymaga kodu powiatu (POW).");
            codeOk = false;
        }
        if (gmi.Length > 0 && rodz.Length == 0)
        {
            errors.Add(lineNo, "RODZ", "Gmina (GMI) wymaga rodzaju (RODZ: 1, 2, 3, 4, 5, 8 lub 9).");
            codeOk = false;
        }
        if (rodz.Length > 0 && gmi.Length == 0)
        {
            errors.Add(lineNo, "RODZ", "Rodzaj (RODZ) podaje się tylko dla gminy i jej części (z kodem GMI).");
            codeOk = false;
        }
        if (name.Length == 0)
        {
            errors.Add(lineNo, "NAZWA", "Nazwa jednostki jest wymagana.");
            ok = false;
        }
        DateOnly? stateAsOf = TercFile.TryParseDate(state, out var day) ? day : null;
        if (stateAsOf is null)
        {
            errors.Add(lineNo, "STAN_NA", $"Data stanu „{TercFile.Shorten(state)}” nie ma postaci RRRR-MM-DD.");
            ok = false;
        }
        return codeOk
            ? new TercRow(lineNo, woj, pow, gmi, rodz.Length > 0 ? rodz[0] : ' ', name, description.Length > 0 ? description : null, stateAsOf, ok)
            : null;
    }

    private static bool CheckCode(string value, string column, string what, bool required, int lineNo, TercErrors errors)
    {
        if (value.Length == 0 && !required) return true;
        if (value.Length == 2 && char.IsAsciiDigit(value[0]) && char.IsAsciiDigit(value[1])) return true;
        errors.Add(lineNo, column, value.Length == 0
            ? $"Kod {what} ({column}) jest wymagany."
            : $"Kod {what} ({column}) musi mieć 2 cyfry, a ma postać „{TercFile.Shorten(value)}”.");
        return false;
    }

    public string Code => Gmi.Length > 0 ? Woj + Pow + Gmi + Rodz : Woj + Pow;
}
