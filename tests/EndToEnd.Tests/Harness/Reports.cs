using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EndToEnd.Tests.Harness;

/// <summary>Report jobs through the gateway, as the portal and officials' tools start and watch them.</summary>
public static class Reports
{
    public static async Task<Guid> DemoStrategyIdAsync(HttpClient http)
    {
        var list = await http.GetFromJsonAsync<JsonElement>("api/v1/catalogue/strategies");
        return list.GetProperty("items").EnumerateArray()
            .Where(s => s.GetProperty("name").GetString()!.Contains("chrzanow", StringComparison.OrdinalIgnoreCase))
            .Select(s => s.GetProperty("id").GetGuid()).First();
    }

    public static async Task<Guid> StartFinalEvaluationAsync(HttpClient http, Guid strategyId)
    {
        using var response = await http.PostAsJsonAsync("api/v1/reports", new { kind = "final-evaluation", strategyId, from = 2015, to = 2023 });
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Polls the job until it ends; answers that fail while a fault is on are polled again.</summary>
    public static async Task<JsonElement> WaitFinishedAsync(HttpClient http, Guid id, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync($"api/v1/reports/{id}");
                last = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode)
                {
                    var job = JsonDocument.Parse(last).RootElement.Clone();
                    if (job.GetProperty("state").GetString() is "succeeded" or "failed") return job;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { last = ex.Message; }
            await Task.Delay(250);
        }
        throw new Xunit.Sdk.XunitException($"Report {id} did not finish within {timeout.TotalSeconds:0} s; last answer: {last}");
    }
}
