using System.Security.Cryptography;
using System.Text;

namespace PupFeed.Csv;

/// <summary>
/// The office's export file: its encoding (UTF-8 if every byte is valid UTF-8, else Windows-1250, the
/// encoding of Polish Windows systems) and the batch id derived from its bytes — the same file always
/// gets the same id, so a re-run after a crash can never write twice.
/// </summary>
public sealed record ExportFile(string Path, Encoding Encoding, string BatchId, long Bytes)
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>One pass over the file: SHA-256 and a strict UTF-8 decode, in 64 KiB blocks.</summary>
    public static async Task<ExportFile> OpenAsync(string path, CancellationToken ct)
    {
        using var sha = SHA256.Create();
        var decoder = StrictUtf8.GetDecoder();
        var buffer = new byte[64 * 1024];
        var chars = new char[StrictUtf8.GetMaxCharCount(buffer.Length)];
        var utf8 = true;
        long total = 0;
        await using var stream = File.OpenRead(path);
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            sha.TransformBlock(buffer, 0, read, null, 0);
            total += read;
            if (!utf8) continue;
            try { decoder.GetChars(buffer, 0, read, chars, 0, flush: false); }
            catch (DecoderFallbackException) { utf8 = false; }
        }
        sha.TransformFinalBlock([], 0, 0);
        var encoding = utf8 ? Encoding.UTF8 : Encoding.GetEncoding(1250);
        return new ExportFile(path, encoding, "pup-" + Convert.ToHexStringLower(sha.Hash!)[..40], total);
    }

    public StreamReader OpenText() => new(Path, Encoding, detectEncodingFromByteOrderMarks: true);
}
