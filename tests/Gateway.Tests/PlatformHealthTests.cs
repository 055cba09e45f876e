using System.Net;
using System.Text.Json;
using Platform.Testing;

namespace Gateway.Tests;

public sealed class PlatformHealthTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Healthz_is_healthy_when_every_service_is_ready()
    {
        await HealthAssert.ReadyAsync(fixture.Host, "database", "rabbitmq");
        using var client = fixture.Gateway.CreateHttpClient();

        using var response = await client.GetAsync("healthz");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        var catalogue = body.GetProperty("services").GetProperty("catalogue");
        Assert.Equal("Healthy", catalogue.GetProperty("details").GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Healthz_names_the_service_that_is_down_and_answers_503()
    {
        var closedPort = ServiceTestHost.FreePort(); // nothing listens there
        await using var gateway = await fixture.StartGatewayAsync(
        [
            new("Services:catalogue:Http", fixture.Host.HttpAddress.ToString()),
            new("Services:labour:Http", $"http://127.0.0.1:{closedPort}/"),
        ]);
        using var client = gateway.CreateHttpClient();

        using var response = await client.GetAsync("healthz");
        var services = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("services");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", services.GetProperty("labour").GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(services.GetProperty("labour").GetProperty("error").GetString()));
        Assert.Equal("Healthy", services.GetProperty("catalogue").GetProperty("status").GetString());
    }
}
