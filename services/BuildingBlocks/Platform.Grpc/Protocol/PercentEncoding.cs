using System.Buffers;
using System.Text;

namespace Platform.Grpc;

/// <summary>
/// Percent-encoding of <c>grpc-message</c>: UTF-8 bytes, 0x20–0x7E except '%' pass through.
/// </summary>
public static class PercentEncoding
{
    public static string Encode(string value)
    {
        var needs = false;
        foreach (var c in value)
        {
            if (c is < ' ' or > '~' or '%')
            {
                needs = true;
                break;
            }
        }
        if (!needs)
        {
            return value;
        }
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var rented = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            var count = Encoding.UTF8.GetBytes(value, rented);
            var sb = new StringBuilder(count * 2);
            for (var i = 0; i < count; i++)
            {
                var b = rented[i];
                if (b is >= 0x20 and <= 0x7E && b != (byte)'%')
                {
                    sb.Append((char)b);
                }
                else
                {
                    sb.Append('%').Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 0xF]);
                }
            }
            return sb.ToString();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Decodes; invalid escapes are kept literally (as the spec asks).</summary>
    public static string Decode(string value)
    {
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }
        var bytes = new byte[value.Length];
        var n = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%' && i + 2 < value.Length && IsHex(value[i + 1]) && IsHex(value[i + 2]))
            {
                bytes[n++] = (byte)((Hex(value[i + 1]) << 4) | Hex(value[i + 2]));
                i += 2;
            }
            else if (c < 0x80)
            {
                bytes[n++] = (byte)c;
            }
            else
            {
                // Not valid on the wire; keep the character as UTF-8.
                var extra = Encoding.UTF8.GetBytes(c.ToString());
                if (n + extra.Length > bytes.Length)
                {
                    Array.Resize(ref bytes, bytes.Length + extra.Length + 16);
                }
                extra.CopyTo(bytes, n);
                n += extra.Length;
            }
        }
        return Encoding.UTF8.GetString(bytes, 0, n);
    }

    private static bool IsHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    private static int Hex(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
