using System.Globalization;
using System.Text;

namespace EndToEnd.Tests.Harness;

/// <summary>
/// A PUP export of many distinct figures (unit × indicator × month × breakdown) for the years 1990–2009,
/// away from the demo strategy's years so the demo report and portal stay as shipped. Values come from
/// <paramref name="seed"/>: a new seed gives a new file (a new batch) whose figures revise earlier runs'.
/// </summary>
public static class LabourExport
{
    private static readonly string[] Units =
        ["1203", "1203013", "1203014", "1203015", "1203022", "1203033", "1203034", "1203035", "1203043", "1203044", "1203045", "1203053", "1203054", "1203055"];
    private static readonly string[] Indicators = ["inflow", "outflow", "unemployed_with_benefit"];
    private static readonly string[] Breakdowns =
    [
        "total", "sex:female", "sex:male", "age:18-24", "age:25-34", "age:35-44", "age:45-54", "age:55-59", "age:60+",
        "duration:0-1m", "duration:1-3m", "duration:3-6m", "duration:6-12m", "duration:12-24m", "duration:24m+",
        "education:higher", "education:post-secondary-vocational", "education:general-secondary", "education:basic-vocational",
        "education:lower-secondary-or-less", "experience:none", "experience:0-1y", "experience:1-5y", "experience:5-10y",
        "experience:10-20y", "experience:20-30y", "experience:30y+",
    ];

    public static int Capacity => Units.Length * Indicators.Length * Breakdowns.Length * 240;

    /// <summary>Writes <paramref name="rows"/> figures starting at figure <paramref name="offset"/> of the fixed order.</summary>
    public static string Write(string path, int rows, int seed, int offset = 0)
    {
        if (offset + rows > Capacity) throw new ArgumentOutOfRangeException(nameof(rows), $"at most {Capacity} distinct figures");
        var random = new Random(seed);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("teryt;wskaźnik;okres;przekrój;wartość\n");
        for (var i = offset; i < offset + rows; i++)
        {
            var b = i % Breakdowns.Length;
            var u = i / Breakdowns.Length % Units.Length;
            var n = i / (Breakdowns.Length * Units.Length) % Indicators.Length;
            var month = i / (Breakdowns.Length * Units.Length * Indicators.Length);
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"{Units[u]};{Indicators[n]};{1990 + month / 12}-{month % 12 + 1:00};{Breakdowns[b]};{random.Next(0, 5000)}\n"));
        }
        return path;
    }
}
