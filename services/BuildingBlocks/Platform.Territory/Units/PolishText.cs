using System.Globalization;
using System.Text;

namespace Platform.Territory;

/// <summary>Text as the register compares names: case, Polish diacritics and spacing do not matter.</summary>
public static class PolishText
{
    /// <summary>Lower case, no diacritics (ł→l, ó→o, …), dashes as '-', whitespace runs as one space, trimmed.</summary>
    public static string Fold(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        // Indexes fold every name of the register when built, so this avoids all but the result's allocation.
        Span<char> buffer = s.Length <= 256 ? stackalloc char[s.Length] : new char[s.Length];
        var length = 0;
        var pendingSpace = false;
        foreach (var raw in s)
        {
            if (char.IsWhiteSpace(raw))
            {
                pendingSpace = length > 0;
                continue;
            }
            if (pendingSpace) { buffer[length++] = ' '; pendingSpace = false; }
            buffer[length++] = FoldChar(char.ToLowerInvariant(raw));
        }
        return new string(buffer[..length]);
    }

    private static char FoldChar(char c) => c switch
    {
        < '\u0080' => c,
        'ą' => 'a', 'ć' => 'c', 'ę' => 'e', 'ł' => 'l', 'ń' => 'n', 'ó' => 'o', 'ś' => 's', 'ź' => 'z', 'ż' => 'z',
        '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212' => '-',
        _ => StripMark(c),
    };

    // Other Latin letters with diacritics (ü, é, …): the base letter of the canonical decomposition.
    private static char StripMark(char c)
    {
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        foreach (var d in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark) return d;
        return c;
    }
}
