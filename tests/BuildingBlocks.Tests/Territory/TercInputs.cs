using System.Text;
using Platform.Territory;
using Platform.Testing;

namespace BuildingBlocks.Tests.Territory;

/// <summary>The full GUS file and copies of it that a test changes line by line, written as a TERC file in memory.</summary>
internal static class TercInputs
{
    public const string Header = "WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA";

    private static readonly Lazy<string[]> Lines = new(() => File.ReadAllLines(TercFiles.Full, Encoding.UTF8));
    private static readonly Lazy<TercSnapshot> Snapshot = new(() => Parse(FullLines()));

    /// <summary>A fresh copy of the full file's lines (header first), to change at will.</summary>
    public static List<string> FullLines() => [.. Lines.Value];

    /// <summary>The full file parsed (shared: snapshots are immutable).</summary>
    public static TercSnapshot Full => Snapshot.Value;

    public static TercSnapshot Parse(IEnumerable<string> lines) => TercFile.Parse(Utf8(lines));

    public static MemoryStream Utf8(IEnumerable<string> lines, string newline = "\r\n", bool bom = false) =>
        Stream(lines, new UTF8Encoding(bom), newline);

    public static MemoryStream Windows1250(IEnumerable<string> lines)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Stream(lines, Encoding.GetEncoding(1250), "\r\n");
    }

    public static MemoryStream Stream(IEnumerable<string> lines, Encoding encoding, string newline)
    {
        var bytes = new List<byte>(encoding.GetPreamble());
        foreach (var line in lines) bytes.AddRange(encoding.GetBytes(line + newline));
        return new MemoryStream([.. bytes]);
    }

    /// <summary>The lines with every STAN_NA set to <paramref name="day"/>.</summary>
    public static List<string> WithState(IEnumerable<string> lines, string day) =>
        [.. lines.Select((l, i) => i == 0 || l.Length == 0 ? l : l[..(l.LastIndexOf(';') + 1)] + day)];

    /// <summary>Index of the line whose WOJ;POW;GMI;RODZ start as given ("12;06;17;2;").</summary>
    public static int IndexOf(List<string> lines, string codePrefix) =>
        lines.FindIndex(l => l.StartsWith(codePrefix, StringComparison.Ordinal)) is var i and >= 0
            ? i : throw new InvalidOperationException($"No line {codePrefix} in the TERC file.");

    /// <summary>The exception's error for one field, or a failure listing all of them.</summary>
    public static TercError Single(TercFormatException e, string field)
    {
        var match = e.Errors.Where(x => x.Field == field).ToList();
        Assert.True(match.Count == 1, $"Expected one error on {field}, got: {string.Join(" | ", e.Errors)}");
        return match[0];
    }
}
