using System.Net;
using System.Text.Json;

namespace Catalogue.Tests;

/// <summary>Small REST helpers: create a strategy and its nodes through the API, record entries.</summary>
public static class Api
{
    public const string Root = "api/v1/catalogue";

    public static async Task<JsonElement> PostOkAsync(this HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body, TestData.Web);
        var json = await response.ReadJsonAsync();
        if (!response.IsSuccessStatusCode) throw new Xunit.Sdk.XunitException($"POST {path}: {(int)response.StatusCode} {json}");
        return json;
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(this HttpClient client, HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is HttpContent content) request.Content = content;
        else if (body is not null) request.Content = JsonContent.Create(body, options: TestData.Web);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.ReadJsonAsync());
    }

    public static async Task<Guid> CreateStrategyAsync(HttpClient client, string code, int from = 2021, int to = 2030) =>
        (await client.PostOkAsync($"{Root}/strategies", new
        {
            code, name = $"Strategia {code}", owner = new { kind = "gmina", units = new[] { "1203043" }, name = "Gmina Libiąż" },
            periodFrom = from, periodTo = to, state = "adopted",
        })).GetProperty("id").GetGuid();

    public static async Task<Guid> CreateNodeAsync(HttpClient client, Guid strategyId, Guid? parentId, string kind, string code, string title,
        decimal? weight = null, string[]? implementers = null, bool areaWide = false) =>
        (await client.PostOkAsync($"{Root}/strategies/{strategyId}/nodes", new
        {
            parentId, kind, code, title, weight, implementers, areaWide,
        })).GetProperty("id").GetGuid();

    public static async Task<JsonElement> RecordAsync(HttpClient client, Guid directionId, int year, string status, int expectedVersion = 0, string? conclusions = null) =>
        await client.PostOkAsync($"{Root}/directions/{directionId}/entries", new
        {
            year, realized = status is "completed" or "continuous" or "partial", status, conclusions, recordedBy = "koordynator@powiat.pl", expectedVersion,
        });
}
