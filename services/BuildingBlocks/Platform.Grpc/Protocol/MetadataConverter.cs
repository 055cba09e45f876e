using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Platform.Grpc;

/// <summary>Converts between <see cref="Metadata"/> and HTTP header collections.</summary>
internal static class MetadataConverter
{
    public static Metadata FromHeaders(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        foreach (var (key, values) in headers)
        {
            if (GrpcProtocol.IsReservedHeader(key))
            {
                continue;
            }
            AddValues(metadata, key, values);
        }
        return metadata;
    }

    public static void AddValues(Metadata metadata, string key, StringValues values)
    {
        var lower = key.ToLowerInvariant();
        var binary = Metadata.IsBinaryKey(lower);
        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }
            if (binary)
            {
                try
                {
                    foreach (var bytes in Base64Lenient.DecodeAll(value))
                    {
                        metadata.Add(lower, bytes);
                    }
                }
                catch (FormatException)
                {
                    // Skip a malformed binary value rather than failing the call.
                }
            }
            else
            {
                metadata.Add(lower, value);
            }
        }
    }

    public static void ToHeaders(Metadata metadata, IHeaderDictionary headers)
    {
        foreach (var entry in metadata)
        {
            if (GrpcProtocol.IsReservedHeader(entry.Key))
            {
                continue;
            }
            var value = entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value;
            headers.Append(entry.Key, value);
        }
    }

    public static void ToHeaders(Metadata metadata, HttpHeaders headers)
    {
        foreach (var entry in metadata)
        {
            if (GrpcProtocol.IsReservedHeader(entry.Key))
            {
                continue;
            }
            var value = entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value;
            headers.TryAddWithoutValidation(entry.Key, value);
        }
    }

    public static void AddFromHttpHeaders(Metadata metadata, HttpHeaders headers)
    {
        foreach (var (key, values) in headers.NonValidated)
        {
            if (GrpcProtocol.IsReservedHeader(key))
            {
                continue;
            }
            var lower = key.ToLowerInvariant();
            var binary = Metadata.IsBinaryKey(lower);
            foreach (var value in values)
            {
                if (binary)
                {
                    try
                    {
                        foreach (var bytes in Base64Lenient.DecodeAll(value))
                        {
                            metadata.Add(lower, bytes);
                        }
                    }
                    catch (FormatException)
                    {
                    }
                }
                else
                {
                    metadata.Add(lower, value);
                }
            }
        }
    }
}
