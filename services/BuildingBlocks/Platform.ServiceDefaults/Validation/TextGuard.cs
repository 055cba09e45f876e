using Google.Protobuf;
using Google.Protobuf.Reflection;
using Platform.ServiceDefaults.Grpc;

namespace Platform.ServiceDefaults.Validation;

/// <summary>
/// PostgreSQL text cannot hold a NUL character: a request carrying one would fail deep in a query as a
/// server error. Found by the fuzz run; refused at the edge instead, naming the field.
/// </summary>
public static class TextGuard
{
    public const string Reason = "Tekst zawiera niedozwolony znak NUL (\\u0000).";

    /// <summary>The path of the first string field holding a NUL, or null.</summary>
    public static string? FindNul(IMessage message, string prefix = "", int depth = 0)
    {
        if (depth > 16) return null;
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var name = prefix + field.JsonName;
            var value = field.Accessor.GetValue(message);
            if (field.IsMap) continue;
            if (field.IsRepeated)
            {
                var i = 0;
                foreach (var item in (System.Collections.IEnumerable)value)
                {
                    if (Check(field, item, $"{name}[{i}]", depth) is { } found) return found;
                    i++;
                }
            }
            else if (Check(field, value, name, depth) is { } found) return found;
        }
        return null;
    }

    private static string? Check(FieldDescriptor field, object? value, string name, int depth) => field.FieldType switch
    {
        FieldType.String when value is string s && s.Contains('\0') => name,
        FieldType.Message when value is IMessage m => FindNul(m, name + ".", depth + 1),
        _ => null,
    };

    public static void ThrowIfNul(object request)
    {
        if (request is IMessage message && FindNul(message) is { } field)
            throw RichStatus.InvalidArgument(Reason, [(field, Reason)]);
    }
}
