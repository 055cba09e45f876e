using System.Text.Json;
using Zones.Api.Application;

namespace Zones.Api.Api.Rest;

/// <summary>Reads a JSON body so that a malformed value is a 400 naming its field, like any other bad input.</summary>
public static class RequestReader
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        try
        {
            return await request.ReadFromJsonAsync<T>(Json, ct) ?? throw ValidationFailedException.Single("body", "Brak treści żądania.");
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";
            throw ValidationFailedException.Single(field, "Niepoprawna wartość JSON (zły typ lub składnia).");
        }
        catch (InvalidOperationException)
        {
            throw ValidationFailedException.Single("body", "Oczekiwano treści application/json.");
        }
    }
}
