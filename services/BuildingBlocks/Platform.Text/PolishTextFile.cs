using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Platform.Text;

/// <summary>
/// How a text file that a Polish office saved is read, the same everywhere (strategy CSV, TERC register, PUP exports):
/// UTF-8 with or without a BOM, or Windows-1250 (what Polish Excel and Windows systems save). Anything else is refused,
/// naming the line, instead of being stored garbled: UTF-16, ISO-8859-2 (Latin-2: its ą, ś, ź, Ą, Ś, Ź are other
/// characters in Windows-1250), and a file stitched from UTF-8 and Windows-1250 lines.
/// </summary>
public static class PolishTextFile
{
    public const string Utf8 = "utf-8";
    public const string Windows1250Name = "windows-1250";

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Windows-1250 (.NET carries only Unicode encodings until the code-page provider is registered; idempotent).</summary>
    public static Encoding Windows1250 { get; } = CreateWindows1250();

    private static Encoding CreateWindows1250()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1250);
    }

    /// <summary>The text and its encoding's name, or why it is refused and on which line (1-based).</summary>
    public sealed record Decoded(string? Text, string Encoding, int Line, string? Problem)
    {
        public bool Refused => Problem is not null;
    }

    // Letters whose byte differs between the two one-byte Polish encodings: in Windows-1250 (ą ś ź Ą Ś Ź) and in
    // ISO-8859-2 (the same letters). The other Polish letters share their bytes, so such a file reads the same either way.
    private static readonly SearchValues<byte> Windows1250Letters = SearchValues.Create([0xB9, 0x9C, 0x9F, 0xA5, 0x8C, 0x8F]);
    private static readonly SearchValues<byte> Latin2Letters = SearchValues.Create([0xB1, 0xB6, 0xBC, 0xA1, 0xA6, 0xAC]);

    public static Decoded Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || bytes.IndexOf((byte)0) >= 0)
        {
            var nul = Math.Max(0, bytes.IndexOf((byte)0));
            return new(null, "utf-16", LineOf(bytes, nul),
                "plik jest zapisany w UTF-16 (albo zawiera bajty zerowe); zapisz go jako UTF-8 (w Excelu: „CSV UTF-8”) albo Windows-1250");
        }
        var hasBom = bytes.StartsWith("\uFEFF"u8);
        if (hasBom) bytes = bytes[3..];

        int firstInvalid = 0, firstMultiByte = 0, firstLatin2 = 0, invalidLines = 0, multiByteLines = 0, line = 0;
        var windows1250Letters = false;
        var rest = bytes;
        while (true)
        {
            line++;
            var end = rest.IndexOf((byte)'\n');
            var current = end < 0 ? rest : rest[..end];
            if (current.IndexOfAnyExceptInRange((byte)0, (byte)0x7F) >= 0)
            {
                if (System.Text.Unicode.Utf8.IsValid(current))
                {
                    multiByteLines++;
                    if (firstMultiByte == 0) firstMultiByte = line;
                }
                else
                {
                    invalidLines++;
                    if (firstInvalid == 0) firstInvalid = line;
                    windows1250Letters |= current.IndexOfAny(Windows1250Letters) >= 0;
                    if (firstLatin2 == 0 && current.IndexOfAny(Latin2Letters) >= 0) firstLatin2 = line;
                }
            }
            if (end < 0) break;
            rest = rest[(end + 1)..];
        }

        if (invalidLines == 0) return new(StrictUtf8.GetString(bytes), Utf8, 0, null);
        // A BOM declares UTF-8, so any invalid line is the broken one; otherwise the minority encoding is.
        if (hasBom || multiByteLines >= invalidLines)
            return new(null, Utf8, firstInvalid, "ten wiersz nie jest poprawnym UTF-8, choć reszta pliku jest; zapisz cały plik w jednym kodowaniu");
        if (multiByteLines > 0)
            return new(null, Windows1250Name, firstMultiByte, "ten wiersz jest w UTF-8, a reszta pliku w Windows-1250; zapisz cały plik w jednym kodowaniu");
        if (firstLatin2 > 0 && !windows1250Letters)
            return new(null, "iso-8859-2", firstLatin2,
                "plik wygląda na zapisany w ISO-8859-2 (Latin-2), w którym „ą”, „ś”, „ź” mają inne bajty niż w Windows-1250; zapisz go jako UTF-8 albo Windows-1250");
        return new(Windows1250.GetString(bytes), Windows1250Name, 0, null);
    }

    private static int LineOf(ReadOnlySpan<byte> bytes, int offset) => bytes[..offset].Count((byte)'\n') + 1;
}
