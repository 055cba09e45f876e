using Platform.ServiceDefaults.Identity;
using Platform.Testing;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Reporting.Tests;

/// <summary>Drives the service the way its users do: events in over RabbitMQ, reports over REST.</summary>
public sealed class ReportClient(ReportingFixture fixture)
{
    // Starting a report is an analyst's work (reading reports is public); the rebuild needs an administrator.
    private readonly HttpClient http = fixture.Host.CreateHttpClient().As(PlatformRoles.Admin, "");

    public async Task PublishAsync<T>(T message, Guid? messageId = null) where T : class
    {
        var bus = fixture.Host.Services.GetRequiredService<IBus>();
        var id = messageId ?? Guid.NewGuid();
        await bus.Publish(message, ctx => ctx.MessageId = id);
    }

    public async Task<JsonElement> StartAsync(object body)
    {
        var response = await http.PostAsJsonAsync("/api/v1/reports", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<JsonElement> WaitAsync(string id, TimeSpan? timeout = null)
    {
        JsonElement job = default;
        await Eventually.AssertAsync(async () =>
        {
            job = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/reports/{id}")).RootElement.Clone();
            var state = job.GetProperty("state").GetString();
            if (state == "failed") throw new Xunit.Sdk.XunitException("Report failed: " + job.GetProperty("error").GetString());
            return state == "succeeded";
        }, timeout ?? TimeSpan.FromSeconds(120), $"report {id} to succeed");
        return job;
    }

    public async Task<string> GenerateHtmlAsync(object body)
    {
        var job = await StartAsync(body);
        var id = job.GetProperty("id").GetString()!;
        await WaitAsync(id);
        return System.Text.Encoding.UTF8.GetString(await ContentAsync(id, "html"));
    }

    public async Task<byte[]> ContentAsync(string id, string format)
    {
        var bytes = await http.GetByteArrayAsync($"/api/v1/reports/{id}/content.{format}");
        // Kept for a look after a failed run (REPORTING_TEST_OUTPUT=dir).
        if (Environment.GetEnvironmentVariable("REPORTING_TEST_OUTPUT") is { Length: > 0 } dir)
            await File.WriteAllBytesAsync(Path.Combine(dir, $"{id}.{format}"), bytes);
        return bytes;
    }

    public HttpClient Http => http;
}
