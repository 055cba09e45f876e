using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Errors;

/// <summary>
/// Reads a JSON request body so that anything malformed — another content type, broken syntax, a value of
/// the wrong type, a field the request does not have — is a 400 naming the field, like any other bad input
/// (the framework's binder would answer a bare 400, or throw a 500 for a foreign content type). An unknown
/// field is refused rather than ignored: a batch posted with "observations" instead of "rows" was once
/// accepted as an empty success.
/// </summary>
public static partial class JsonBody
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        if (!request.HasJsonContentType())
            throw ValidationFailedException.Single("body", $"Oczekiwano treści application/json (otrzymano „{request.ContentType}”).");
        // Buffered (bodies are bounded by the gateway) to refuse NUL in text before anything reaches PostgreSQL.
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.GetBuffer().AsSpan(0, (int)buffer.Length).IndexOf("\\u0000"u8) >= 0)
            throw ValidationFailedException.Single("body", Validation.TextGuard.Reason);
        try
        {
            return JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Options)
                ?? throw ValidationFailedException.Single("body", "Pusta treść żądania.");
        }
        catch (JsonException ex) when (UnmappedMember().Match(ex.Message) is { Success: true } unknown)
        {
            var at = ex.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "";
            var name = unknown.Groups[1].Value;
            var field = at.Length == 0 ? name : at.EndsWith(name, StringComparison.Ordinal) ? at : $"{at}.{name}";
            throw ValidationFailedException.Single(field, $"Nieznane pole „{name}”: tego pola nie ma w tym żądaniu (sprawdź nazwę w dokumentacji API).");
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body";
            throw ValidationFailedException.Single(field, $"Niepoprawny JSON: zły typ wartości lub składnia (wiersz {ex.LineNumber + 1}, pozycja {ex.BytePositionInLine + 1}).");
        }
    }

    // System.Text.Json names the property in its message only: "The JSON property 'rows2' could not be mapped to any .NET member…".
    [System.Text.RegularExpressions.GeneratedRegex("^The JSON property '([^']*)' could not be mapped")]
    private static partial System.Text.RegularExpressions.Regex UnmappedMember();
}
