using System.Text.Json;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Health;

namespace Gateway.Health;

/// <summary>Asks every service's readiness endpoint at once and reports the platform as healthy only if all are.</summary>
public sealed class PlatformHealth(IHttpClientFactory httpClientFactory, IOptions<DownstreamServicesOptions> services)
{
    public const string HttpClientName = "health";

    public sealed record ServiceHealth(string Status, JsonElement? Details, string? Error);
    public sealed record Report(string Status, IReadOnlyDictionary<string, ServiceHealth> Services);

    public async Task<Report> CheckAsync(CancellationToken cancellationToken)
    {
        var checks = services.Value.ToDictionary(s => s.Key, s => CheckOneAsync(s.Value, cancellationToken));
        await Task.WhenAll(checks.Values);
        var results = checks.ToDictionary(c => c.Key, c => c.Value.Result);
        var healthy = results.Count > 0 && results.Values.All(r => r.Status == "Healthy");
        return new Report(healthy ? "Healthy" : "Unhealthy", results);
    }

    private async Task<ServiceHealth> CheckOneAsync(DownstreamService service, CancellationToken cancellationToken)
    {
        try
        {
            using var client = httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.GetAsync(new Uri(new Uri(service.Http), HealthEndpoints.ReadyPath), cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var details = JsonDocument.Parse(body).RootElement.Clone();
            var status = details.TryGetProperty("status", out var s) ? s.GetString() ?? "Unknown" : "Unknown";
            return new ServiceHealth(response.IsSuccessStatusCode ? status : "Unhealthy", details, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or UriFormatException)
        {
            return new ServiceHealth("Unhealthy", null, ex.Message);
        }
    }
}
