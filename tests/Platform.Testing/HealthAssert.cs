using System.Net;
using System.Text.Json;

namespace Platform.Testing;

public static class HealthAssert
{
    /// <summary>Readiness must report the service's database and RabbitMQ healthy (the bus may take a moment to connect).</summary>
    public static async Task ReadyAsync(ServiceTestHost host, params string[] expectedChecks)
    {
        using var client = host.CreateHttpClient();
        JsonElement last = default;
        await Eventually.AssertAsync(async () =>
        {
            using var response = await client.GetAsync("health/ready");
            last = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            return response.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(30), "readiness to report Healthy");

        Xunit.Assert.Equal("Healthy", last.GetProperty("status").GetString());
        var checks = last.GetProperty("checks");
        foreach (var name in expectedChecks)
            Xunit.Assert.Equal("Healthy", checks.GetProperty(name).GetProperty("status").GetString());
    }
}
