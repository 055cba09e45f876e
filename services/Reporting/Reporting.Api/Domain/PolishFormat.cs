using System.Globalization;

namespace Reporting.Api.Domain;

/// <summary>
/// Polish number and date formats, fixed here rather than taken from the machine's ICU data, so the
/// same data renders byte-for-byte the same everywhere: 4 851 (no-break space), 12,5; 22.11.2026.
/// </summary>
public static class PolishFormat
{
    public const char GroupSeparator = '\u00A0';

    private static readonly NumberFormatInfo Numbers = new()
    {
        NumberGroupSeparator = GroupSeparator.ToString(),
        NumberDecimalSeparator = ",",
        NegativeSign = "−",
        NumberGroupSizes = [3],
    };

    private static readonly TimeZoneInfo Warsaw = FindWarsaw();

    public static string Number(decimal value, int decimals = 0) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("N" + decimals, Numbers);

    public static string Signed(decimal value, int decimals = 0) => (value > 0 ? "+" : "") + Number(value, decimals);

    public static string Percent(decimal value, int decimals = 1) => Number(value, decimals) + GroupSeparator + "%";

    public static string Hectares(decimal value) => Number(value, 1) + GroupSeparator + "ha";

    public static string Date(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Warsaw).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    public static string DateTime(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Warsaw).ToString("dd.MM.yyyy, 'godz.' HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Polish plural: 1 obszar, 2–4 obszary, 5 obszarów (12–14 take the "many" form).</summary>
    public static string Plural(int n, string one, string few, string many)
    {
        if (n == 1) return one;
        var lastTwo = n % 100;
        var last = n % 10;
        return last is >= 2 and <= 4 && lastTwo is < 12 or > 14 ? few : many;
    }

    public static string Count(int n, string one, string few, string many) => $"{Number(n)} {Plural(n, one, few, many)}";

    private static TimeZoneInfo FindWarsaw()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.Utc; }
    }
}
