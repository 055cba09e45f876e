using System.Globalization;
using System.Text;

namespace Catalogue.Api.Domain;

/// <summary>
/// Folds text for accent-insensitive search, so "libiaz" finds "Libiąż". Unicode decomposition
/// strips ą, ę, ó, ś, ź, ż, ć, ń, but ł is a letter of its own (no combining mark): mapped by hand.
/// </summary>
public static class PolishText
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            builder.Append(c switch
            {
                'ł' or 'Ł' => 'l',
                '\u00A0' => ' ',
                _ => char.ToLowerInvariant(c),
            });
        }
        return builder.ToString();
    }
}
