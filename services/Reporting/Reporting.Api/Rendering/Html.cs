using System.Text;

namespace Reporting.Api.Rendering;

/// <summary>
/// Escapes only what HTML requires (&amp; &lt; &gt; quotes). WebUtility.HtmlEncode also turns ó and
/// the no-break space into numeric references: valid, but the file should read as Polish text.
/// </summary>
public static class Html
{
    public static string Encode(string s)
    {
        if (s.AsSpan().IndexOfAny("&<>\"'") < 0) return s;
        var sb = new StringBuilder(s.Length + 16);
        foreach (var c in s)
            sb.Append(c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", '"' => "&quot;", '\'' => "&#39;", _ => c.ToString() });
        return sb.ToString();
    }
}
