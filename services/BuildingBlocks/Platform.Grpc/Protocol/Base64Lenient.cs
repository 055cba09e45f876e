namespace Platform.Grpc;

/// <summary>Decodes base64 with or without padding (peers send both).</summary>
internal static class Base64Lenient
{
    public static byte[] Decode(string value)
    {
        value = value.Trim();
        var rem = value.Length % 4;
        if (rem == 2)
        {
            value += "==";
        }
        else if (rem == 3)
        {
            value += "=";
        }
        return Convert.FromBase64String(value);
    }

    /// <summary>Decodes a header value that may hold several comma-joined base64 values.</summary>
    public static IEnumerable<byte[]> DecodeAll(string value)
    {
        if (!value.Contains(',', StringComparison.Ordinal))
        {
            yield return Decode(value);
            yield break;
        }
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            yield return Decode(part);
        }
    }
}
