using System.Text;
using System.Text.Unicode;

namespace Platform.Territory;

/// <summary>
/// GUS publishes TERC in UTF-8 (with or without a BOM) or Windows-1250. A file that is valid UTF-8 is UTF-8; one that
/// is not is Windows-1250 — unless some lines are valid multi-byte UTF-8 and others are not: that file was stitched from
/// both encodings, and guessing either way would corrupt names, so it is refused naming the first line that differs.
/// </summary>
internal static class TercDecoding
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Encoding Windows1250 = CreateWindows1250();

    private static Encoding CreateWindows1250()
    {
        // .NET Core carries only Unicode encodings until the code-page provider is registered (idempotent).
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1250);
    }

    /// <summary>The file's text and encoding name, or the line that breaks the encoding (1-based).</summary>
    public static (string? Text, string Encoding, int BrokenLine) Decode(ReadOnlySpan<byte> bytes)
    {
        var hasBom = bytes.StartsWith("\uFEFF"u8);
        if (hasBom) bytes = bytes[3..];

        int firstInvalid = 0, firstMultiByte = 0, invalidLines = 0, multiByteLines = 0, line = 0;
        var rest = bytes;
        while (true)
        {
            line++;
            var end = rest.IndexOf((byte)'\n');
            var current = end < 0 ? rest : rest[..end];
            if (current.IndexOfAnyExceptInRange((byte)0, (byte)0x7F) >= 0)
            {
                if (Utf8.IsValid(current))
                {
                    multiByteLines++;
                    if (firstMultiByte == 0) firstMultiByte = line;
                }
                else
                {
                    invalidLines++;
                    if (firstInvalid == 0) firstInvalid = line;
                }
            }
            if (end < 0) break;
            rest = rest[(end + 1)..];
        }

        if (invalidLines == 0) return (StrictUtf8.GetString(bytes), TercSnapshot.Utf8, 0);
        // A BOM declares UTF-8, so any invalid line is the broken one; otherwise the minority encoding is.
        if (hasBom || multiByteLines >= invalidLines) return (null, TercSnapshot.Utf8, firstInvalid);
        if (multiByteLines > 0) return (null, TercSnapshot.Windows1250, firstMultiByte);
        return (Windows1250.GetString(bytes), TercSnapshot.Windows1250, 0);
    }
}
