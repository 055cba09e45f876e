using System.Buffers.Binary;
using System.IO.Compression;
using Reporting.Api.Domain;

namespace Reporting.Api.Rendering;

/// <summary>
/// The bar chart as a small PNG for the DOCX (Word shows PNG everywhere; SVG needs a PNG fallback
/// anyway). Bars only: the values and years are in the table printed next to it. No imaging
/// library is available here, so the PNG is encoded by hand (RGB, one zlib IDAT).
/// </summary>
public static class PngBarChart
{
    public const int Width = 800;
    public const int Height = 300;

    public static byte[] Render(BarChart chart)
    {
        var pixels = new byte[Height * (Width * 3 + 1)];
        for (var y = 0; y < Height; y++)
            for (var x = 0; x < Width; x++) Set(pixels, x, y, 255, 255, 255);
        const int left = 20, right = 20, top = 10, bottom = 20;
        var plotH = Height - top - bottom;
        var max = chart.Points.Count == 0 ? 1 : Math.Max(1, chart.Points.Max(p => p.Value));
        var slot = (Width - left - right) / (double)Math.Max(1, chart.Points.Count);
        for (var i = 0; i < chart.Points.Count; i++)
        {
            var h = (int)Math.Round((double)(chart.Points[i].Value / max) * plotH);
            var x0 = (int)(left + i * slot + slot * 0.15);
            var x1 = (int)(left + i * slot + slot * 0.85);
            for (var y = top + plotH - h; y < top + plotH; y++)
                for (var x = x0; x < x1; x++) Set(pixels, x, y, 0x2b, 0x6c, 0xb0);
        }
        for (var x = left; x < Width - right; x++) Set(pixels, x, top + plotH, 0x33, 0x33, 0x33);
        return Encode(pixels);
    }

    private static void Set(byte[] p, int x, int y, byte r, byte g, byte b)
    {
        var o = y * (Width * 3 + 1) + 1 + x * 3; // +1: the filter byte (0) leading each row
        p[o] = r; p[o + 1] = g; p[o + 2] = b;
    }

    private static byte[] Encode(byte[] raw)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, Width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), Height);
        ihdr[8] = 8; ihdr[9] = 2; // 8-bit RGB
        Chunk(png, "IHDR", ihdr);
        using (var z = new MemoryStream())
        {
            using (var zs = new ZLibStream(z, CompressionLevel.Optimal, leaveOpen: true)) zs.Write(raw);
            Chunk(png, "IDAT", z.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
        s.Write(len);
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        s.Write(typeBytes);
        s.Write(data);
        Span<byte> c = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(c, Crc(Crc(0xFFFFFFFFu, typeBytes), data) ^ 0xFFFFFFFFu);
        s.Write(c);
    }

    // CRC-32 (ISO-HDLC) as PNG requires; System.IO.Hashing is not in the package source.
    private static readonly uint[] Table = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    private static uint Crc(uint crc, byte[] data)
    {
        foreach (var b in data) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }
}
