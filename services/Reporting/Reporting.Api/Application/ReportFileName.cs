using System.Globalization;
using System.Text;

namespace Reporting.Api.Application;

/// <summary>
/// What a downloaded report is called: its kind, whose strategy and the period, as an official files it
/// ("ewaluacja-koncowa-powiat-chrzanowski-2015-2023.pdf", "raport-roczny-gmina-trzebinia-2023.docx"), not
/// "raport-&lt;uuid&gt;.pdf"; the strategy's code when it names no owner. ASCII only, so every mail client and file
/// system keeps it as it is.
/// </summary>
public static class ReportFileName
{
    public static string For(string kind, string? ownerName, string? strategyCode, int yearFrom, int yearTo, string format)
    {
        var what = kind switch
        {
            ReportKinds.YearlyMonitoring => "raport-roczny",
            ReportKinds.MidTermEvaluation => "ewaluacja-srodokresowa",
            ReportKinds.FinalEvaluation => "ewaluacja-koncowa",
            _ => "raport",
        };
        var period = yearFrom == yearTo ? $"{yearFrom}" : $"{yearFrom}-{yearTo}";
        var whose = Slug(string.IsNullOrWhiteSpace(ownerName) ? strategyCode : ownerName);
        return $"{what}{(whose.Length > 0 ? "-" + whose : "")}-{period}.{format}";
    }

    /// <summary>ASCII, lower case, words joined by '-' (Polish letters folded), at most 60 characters.</summary>
    public static string Slug(string? text)
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
