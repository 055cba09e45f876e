using System.Security.Cryptography;
using System.Text;
using Platform.Text;

namespace PupFeed.Csv;

/// <summary>
/// The office's export file: its encoding, read the platform's one way (<see cref="PolishTextFile"/>: UTF-8 or
/// Windows-1250, anything else refused by line), and the batch id derived from its bytes — the same file always
/// gets the same id, so a re-run after a crash can never write twice.
/// </summary>
public sealed record ExportFile(string Path, Encoding Encoding, string BatchId, long Bytes)
{
    /// <summary>A monthly export is kilobytes to a few megabytes: read whole, hashed and checked once.</summary>
    public static async Task<ExportFile> OpenAsync(string path, CancellationToken ct)
    {
        var bytes = await File.ReadAllBytesAsync(path, ct);
        var decoded = PolishTextFile.Decode(bytes);
        if (decoded.Refused) throw new ExportEncodingException(decoded.Line, decoded.Problem!);
        var encoding = decoded.Encoding == PolishTextFile.Utf8 ? Encoding.UTF8 : PolishTextFile.Windows1250;
        return new ExportFile(path, encoding, "pup-" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..40], bytes.Length);
    }

    public StreamReader OpenText() => new(Path, Encoding, detectEncodingFromByteOrderMarks: true);
}

/// <summary>The file is in an encoding the platform does not read (UTF-16, Latin-2, mixed): nothing is sent.</summary>
public sealed class ExportEncodingException(int line, string problem) : Exception($"wiersz {line}: {problem}")
{
    public int Line { get; } = line;
}
