using System.Globalization;
using System.Text;

namespace Reporting.Api.Application;

/// <summary>
/// What a downloaded report is called: its kind, the strategy and the period, as an official files it
/// ("raport-roczny-chrzanow-2015-2023-za-2023.pdf"), not "raport-&lt;uuid&gt;.pdf". ASCII only, so every mail
/// client and file system keeps it as it is.
/// </summary>
public static class ReportFileName
{
    public static string For(string kind, string? strategyCode, int yearFrom, int yearTo, string format)
    {
        var what = kind switch
        {
            ReportKinds.YearlyMonitoring => "raport-roczny",
            ReportKinds.MidTermEvaluation => "ocena-srodokresowa",
            ReportKinds.FinalEvaluation => "ocena-koncowa",
            _ => "raport",
        };
        var period = kind == ReportKinds.YearlyMonitoring ? $"za-{yearFrom}" : $"{yearFrom}-{yearTo}";
        var strategy = Slug(strategyCode);
        return $"{what}{(strategy.Length > 0 ? "-" + strategy : "")}-{period}.{format}";
    }

    private static string Slug(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var folded = new StringBuilder();
        foreach (var c in text.Replace('ł', 'l').Replace('Ł', 'L').Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            folded.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        }
        var slug = string.Join('-', folded.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length > 60 ? slug[..60].TrimEnd('-') : slug;
    }
}
