using System.Text.RegularExpressions;
using Platform.Testing;
using Platform.Text;

namespace BuildingBlocks.Tests.Text;

/// <summary>
/// The platform's Polish, read where it is written: every C# source of the services, gateway and pup-feed and the
/// portal's scripts and pages, scanned for the wrong forms users met ("Sprawdzono 2 wierszy", "1 błędnych wierszy",
/// "92 kierunków nie ma", "aby tworzyć raportów", "92%") and for English status words in Polish messages. A count goes
/// through PolishFormat.Count (C#) or a plural entry of i18n.js; a percentage through PolishFormat.Percent / fmtPercent.
/// </summary>
public sealed partial class PolishFormsTests
{
    [Theory]
    [InlineData(1, "1 wiersz")]
    [InlineData(2, "2 wiersze")]
    [InlineData(4, "4 wiersze")]
    [InlineData(5, "5 wierszy")]
    [InlineData(12, "12 wierszy")]
    [InlineData(14, "14 wierszy")]
    [InlineData(22, "22 wiersze")]
    [InlineData(0, "0 wierszy")]
    [InlineData(4851, "4\u00a0851 wierszy")]
    [InlineData(1002, "1\u00a0002 wiersze")]
    public void A_count_takes_the_noun_form_of_its_number(long n, string expected) =>
        Assert.Equal(expected, PolishFormat.Count(n, "wiersz", "wiersze", "wierszy"));

    [Fact]
    public void Percentages_and_numbers_are_written_as_the_reports_write_them()
    {
        Assert.Equal("82,6\u00a0%", PolishFormat.Percent(82.6m));
        Assert.Equal("4\u00a0851", PolishFormat.Number(4851));
        Assert.Equal("03.12.2026, godz. 17:05", PolishFormat.DateTime(new DateTimeOffset(2026, 12, 3, 16, 5, 0, TimeSpan.Zero)));
    }

    private static readonly (string Name, Regex Pattern)[] WrongForms =
    [
        // A number put straight before a plural noun: "{rows} wierszy" is wrong for 1–4, 22–24…; "z {n} wierszy" (genitive after "z") is right.
        ("a count not through PolishFormat.Count/plural forms", new(@"(?<!\bz |\bze |\bod |\bdo )\{[^{}]+\} (błędnych |nowych )?(wierszy|kierunków|jednostek|strategii|stref|raportów|osób|gmin|powiatów)\b")),
        ("a count written as '1 błędnych'", new(@"\b1 (błędnych|wierszy|kierunków)\b")),
        ("accusative needed after 'aby'", new(@"\baby (tworzyć raportów|zapisać realizacji|importować strategii|{)")),
        ("a percent sign glued to a number", new(@"\d%|\}%")),
        ("an English gRPC status word in a Polish message", new(@"""[^""]*[ąćęłńóśźż][^""]*\b(Unauthenticated|PermissionDenied|HTTP_1_1_REQUIRED):")),
    ];

    [Fact]
    public void No_message_or_page_uses_a_known_wrong_Polish_form()
    {
        var root = Repository.Root;
        var files = new[] { "services", "gateway" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".js", StringComparison.Ordinal) || f.EndsWith(".html", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.True(files.Count > 100, $"only {files.Count} source files found under {root}");

        var found = new List<string>();
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                // Style attributes ("border-radius:50%") and the English of i18n.js are not Polish text; a plural entry of i18n.js ({ one, few, many }) is the right way.
                var line = EnglishText().Replace(StyleAttribute().Replace(lines[i], ""), "");
                if (line.TrimStart().StartsWith("//", StringComparison.Ordinal) || (line.Contains("one:", StringComparison.Ordinal) && line.Contains("many:", StringComparison.Ordinal))) continue;
                // Only what users read: lines holding a string with Polish letters (messages, labels).
                if (!PolishText().IsMatch(line)) continue;
                foreach (var (name, pattern) in WrongForms)
                    if (pattern.Match(line) is { Success: true } m)
                        found.Add($"{Path.GetRelativePath(root, file)}:{i + 1}: {name}: …{m.Value}…");
            }
        }
        Assert.True(found.Count == 0, $"{found.Count} wrong Polish forms:\n" + string.Join('\n', found));
    }

    [GeneratedRegex("[\"'`][^\"'`]*[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]")]
    private static partial Regex PolishText();

    [GeneratedRegex("style=\"[^\"]*\"")]
    private static partial Regex StyleAttribute();

    [GeneratedRegex(@"\ben: '(?:[^'\\]|\\.)*'")]
    private static partial Regex EnglishText();
}
