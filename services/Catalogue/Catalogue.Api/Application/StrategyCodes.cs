using System.Text;
using Catalogue.Api.Domain;

namespace Catalogue.Api.Application;

public static class StrategyCodes
{
    /// <summary>
    /// A stable code from the name and period when the document has none ("strategia-rozwoju-powiatu-
    /// chrzanowskiego-na-lata-2015-2023"), so re-importing the same document finds the same strategy.
    /// </summary>
    public static string FromName(string name, int from, int to)
    {
        var builder = new StringBuilder();
        foreach (var c in PolishText.Fold(name))
        {
            if (char.IsAsciiLetterOrDigit(c)) builder.Append(c);
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
        }
        var slug = builder.ToString().Trim('-');
        if (!slug.Contains($"{from}") || !slug.Contains($"{to}")) slug = $"{slug}-{from}-{to}".Trim('-');
        return slug.Length <= 100 ? slug : slug[..100].TrimEnd('-');
    }
}
