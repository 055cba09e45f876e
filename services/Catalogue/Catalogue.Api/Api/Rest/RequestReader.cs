using System.Globalization;
using Catalogue.Api.Application;

namespace Catalogue.Api.Api.Rest;

/// <summary>
/// Reads query values by hand (bodies: JsonBody), so a malformed one is answered like any other bad input:
/// a 400 naming the field (the framework's binder would only say "bad request").
/// </summary>
public static class RequestReader
{
    public static int? Int(HttpRequest request, string name, ValidationErrors errors)
    {
        var value = request.Query[name].ToString();
        if (value.Length == 0) return null;
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result)) return result;
        errors.Add(name, "Oczekiwano liczby całkowitej.");
        return null;
    }

    public static bool? Bool(HttpRequest request, string name, ValidationErrors errors)
    {
        var value = request.Query[name].ToString();
        if (value.Length == 0) return null;
        if (bool.TryParse(value, out var result)) return result;
        errors.Add(name, "Oczekiwano true albo false.");
        return null;
    }

    public static Guid? Guid(HttpRequest request, string name, ValidationErrors errors)
    {
        var value = request.Query[name].ToString();
        if (value.Length == 0) return null;
        if (System.Guid.TryParse(value, out var result)) return result;
        errors.Add(name, "Oczekiwano identyfikatora (UUID).");
        return null;
    }

    public static string? String(HttpRequest request, string name)
    {
        var value = request.Query[name].ToString();
        return value.Length == 0 ? null : value;
    }
}
