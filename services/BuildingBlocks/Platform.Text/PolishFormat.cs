using System.Globalization;

namespace Platform.Text;

/// <summary>
/// Polish number, date and count formats, the one way the services, reports and pup-feed write them (the portal's
/// core.js follows the same rules): fixed here rather than taken from the machine's ICU data, so the same data
/// renders byte-for-byte the same everywhere: 4 851 (no-break space), 12,5; 82,6 %; 22.11.2026; 2 wiersze.
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

    /// <summary>Polish plural: 1 obszar, 2–4 obszary, 5 obszarów (12–14 take the "many" form; 22–24 the "few" one).</summary>
    public static string Plural(long n, string one, string few, string many)
    {
        if (n == 1) return one;
        var lastTwo = Math.Abs(n) % 100;
        var last = Math.Abs(n) % 10;
        return last is >= 2 and <= 4 && lastTwo is < 12 or > 14 ? few : many;
    }

    /// <summary>"1 wiersz", "2 wiersze", "5 wierszy", "22 wiersze", "4 851 wierszy".</summary>
    public static string Count(long n, string one, string few, string many) => $"{Number(n)} {Plural(n, one, few, many)}";

    private static TimeZoneInfo FindWarsaw()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.Utc; }
    }
}
