using System.Globalization;

namespace LabourMarket.Api.Domain;

public enum PeriodKind { Year, Quarter, Month }

/// <summary>
/// A reporting period: "2023" (year), "2023-Q4" (quarter) or "2023-12" (month). The canonical text
/// is what is stored; within one kind it sorts like the periods themselves, so ranges are text ranges.
/// </summary>
public readonly record struct Period(PeriodKind Kind, int Year, int Number)
{
    public const int MinYear = 1990;

    public static bool TryParse(string? text, out Period period)
    {
        period = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        if (s.Length == 4 && TryYear(s, out var year))
        {
            period = new Period(PeriodKind.Year, year, 0);
            return true;
        }
        if (s.Length == 7 && s[4] == '-' && TryYear(s[..4], out year))
        {
            if (s[5] is 'Q' or 'q' && s[6] is >= '1' and <= '4')
            {
                period = new Period(PeriodKind.Quarter, year, s[6] - '0');
                return true;
            }
            if (int.TryParse(s.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12)
            {
                period = new Period(PeriodKind.Month, year, month);
                return true;
            }
        }
        return false;
    }

    private static bool TryYear(string s, out int year) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out year) && year is >= MinYear and <= 2999;

    public DateOnly Start => Kind switch
    {
        PeriodKind.Year => new DateOnly(Year, 1, 1),
        PeriodKind.Quarter => new DateOnly(Year, (Number - 1) * 3 + 1, 1),
        _ => new DateOnly(Year, Number, 1),
    };

    /// <summary>A figure for a period that has not begun yet cannot exist.</summary>
    public bool IsFuture(DateOnly today) => Start > today;

    /// <summary>The same period a year earlier (for year-on-year changes).</summary>
    public Period YearEarlier => this with { Year = Year - 1 };

    public string KindCode => KindToCode(Kind);

    public static string KindToCode(PeriodKind kind) => kind switch
    {
        PeriodKind.Year => "year",
        PeriodKind.Quarter => "quarter",
        _ => "month",
    };

    public static bool TryParseKind(string? code, out PeriodKind kind)
    {
        kind = default;
        switch (code)
        {
            case "year": kind = PeriodKind.Year; return true;
            case "quarter": kind = PeriodKind.Quarter; return true;
            case "month": kind = PeriodKind.Month; return true;
            default: return false;
        }
    }

    public override string ToString() => Kind switch
    {
        PeriodKind.Year => Year.ToString("0000", CultureInfo.InvariantCulture),
        PeriodKind.Quarter => $"{Year:0000}-Q{Number}",
        _ => $"{Year:0000}-{Number:00}",
    };
}
