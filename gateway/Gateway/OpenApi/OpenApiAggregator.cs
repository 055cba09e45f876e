using System.Text.Json.Nodes;
using Gateway.Health;
using Microsoft.Extensions.Options;

namespace Gateway.OpenApi;

/// <summary>
/// One OpenAPI document for the whole API: the services' own documents (their paths already are
/// the public /api/v1/… paths) merged with the gateway's, cached briefly.
/// </summary>
public sealed class OpenApiAggregator(IHttpClientFactory httpClientFactory, IOptions<DownstreamServicesOptions> services, ILogger<OpenApiAggregator> logger)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private (JsonObject Document, DateTimeOffset Until)? _cached;

    public async Task<JsonObject> GetAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } c && c.Until > DateTimeOffset.UtcNow) return c.Document;
            var document = await BuildAsync(cancellationToken);
            _cached = (document, DateTimeOffset.UtcNow.AddSeconds(30));
            return document;
        }
        finally { _lock.Release(); }
    }

    private async Task<JsonObject> BuildAsync(CancellationToken cancellationToken)
    {
        var paths = new JsonObject();
        var schemas = new JsonObject();
        var tags = new JsonArray();
        var unavailable = new List<string>();
        foreach (var (name, service) in services.Value.OrderBy(s => s.Key))
        {
            try
            {
                using var client = httpClientFactory.CreateClient(PlatformHealth.HttpClientName);
                var document = JsonNode.Parse(await client.GetStringAsync(new Uri(new Uri(service.Http), "/openapi/v1.json"), cancellationToken))!.AsObject();
                tags.Add(new JsonObject { ["name"] = name });
                foreach (var (path, item) in document["paths"]?.AsObject() ?? [])
                {
                    if (!path.StartsWith("/api/", StringComparison.Ordinal)) continue; // health and the like stay internal
                    var copy = item!.DeepClone().AsObject();
                    foreach (var (_, operation) in copy)
                        if (operation is JsonObject op && op["tags"] is null) op["tags"] = new JsonArray(name);
                    paths[path] = copy;
                }
                foreach (var (schema, body) in document["components"]?["schemas"]?.AsObject() ?? [])
                    if (!schemas.ContainsKey(schema)) schemas[schema] = body!.DeepClone();
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
            {
                logger.LogWarning(ex, "OpenAPI document of {Service} unavailable", name);
                unavailable.Add(name);
            }
        }
        paths["/healthz"] = new JsonObject
        {
            ["get"] = new JsonObject { ["summary"] = "Stan platformy (wszystkie usługi)", ["tags"] = new JsonArray("platform"),
                ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "wszystkie usługi gotowe" }, ["503"] = new JsonObject { ["description"] = "któraś usługa niedostępna" } } },
        };
        var description = "REST API platformy strategii rozwoju: katalog strategii, rynek pracy, strefy inwestycyjne, raporty. " +
                          "Zapis wymaga klucza API (x-api-key) lub tokenu (Authorization: Bearer)." +
                          (unavailable.Count > 0 ? $" Niedostępne w tej chwili: {string.Join(", ", unavailable)}." : "");
        return new JsonObject
        {
            ["openapi"] = "3.0.1",
            ["info"] = new JsonObject { ["title"] = "Platforma strategii rozwoju — API", ["version"] = "v1", ["description"] = description },
            ["tags"] = tags,
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas,
                ["securitySchemes"] = new JsonObject
                {
                    ["apiKey"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "x-api-key" },
                    ["bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["bearerFormat"] = "JWT" },
                },
            },
        };
    }
}
