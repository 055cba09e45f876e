using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EndToEnd.Tests.Harness;
using Xunit.Abstractions;

namespace EndToEnd.Tests.Fuzz;

/// <summary>
/// A bounded fuzz run of the public REST API through the gateway (fixed seed, so a finding can be replayed):
/// query strings full of odd values, and write bodies mutated so that none is a valid request, sent with an
/// administrator's rights so that validation, not authorization, has to catch them. No answer may be a 5xx,
/// no write may succeed, and nothing stored may change.
/// </summary>
[Collection(PlatformCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class RestFuzzTests(PlatformFixture platform, ITestOutputHelper output)
{
    public const int Seed = 20261122;
    private const int Rounds = 1200;

    private static readonly string[] OddValues =
        ["", " ", "-1", "0", "1e309", "NaN", "Infinity", "abc", "ą😀", "%00", "%FF%FE", "999999999999999999999", "' OR 1=1 --", "../../etc/passwd",
         "1,2,3", "1,,", "-180,-90,180,90", "19.4,50.1", "2023-13", "2023-Q5", "9999", "null", "{}", "[]", "true", "1.5", "-0", "0x10", new string('7', 3000),
         // Type limits and the values whose (page - 1) × pageSize once overflowed into a negative OFFSET (security finding 4).
         "2147483647", "2147483648", "-2147483648", "9223372036854775807", "10737420", "42949674"];

    [Fact]
    public async Task Random_and_mutated_REST_input_gets_4xx_answers_and_changes_nothing()
    {
        await platform.Control.WaitHealthyAsync(TimeSpan.FromMinutes(2));
        var random = new Random(Seed);
        var mutator = new JsonMutator(random);
        using var admin = platform.Http(platform.Credential("ADMIN_TOKEN"), TimeSpan.FromSeconds(30));
        var targets = await TargetsAsync(admin);
        // The fuzzing accounts and their tokens exist before the fingerprint: signing in is not what is fuzzed.
        platform.PersonTokens(Enumerable.Range(0, Rounds / 200 + 1).Select(i => ("admin", "", $"e2e-fuzz-{i}")).ToList());
        var before = await DataFingerprint.TakeWhenQuietAsync(platform);

        var findings = new List<string>();
        var statuses = new Dictionary<int, int>();
        for (var round = 0; round < Rounds; round++)
        {
            // A fresh subject now and then keeps the run under the gateway's per-client rate limit.
            using var http = platform.Http(platform.PersonToken("admin", "", $"e2e-fuzz-{round / 200}"), TimeSpan.FromSeconds(30));
            using var request = random.Next(3) == 0 ? Query(random, targets) : Write(random, mutator, targets);
            var what = $"#{round} {request.Method} {request.RequestUri}";
            HttpStatusCode status;
            try
            {
                using var response = await http.SendAsync(request);
                status = response.StatusCode;
                var body = await response.Content.ReadAsStringAsync();
                if ((int)status >= 500) findings.Add($"{what} → {(int)status} {Trim(body)}");
                else if (request.Method != HttpMethod.Get && response.IsSuccessStatusCode) findings.Add($"{what} → {(int)status}: an invalid write was accepted");
                else if (status == HttpStatusCode.BadRequest && !body.Contains("\"title\"", StringComparison.Ordinal)) findings.Add($"{what} → 400 without problem details");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                findings.Add($"{what} → {ex.GetType().Name}: {ex.Message}");
                continue;
            }
            statuses[(int)status] = statuses.GetValueOrDefault((int)status) + 1;
        }

        Results.Record(platform, output, $"rest fuzz (seed {Seed}): {Rounds} requests, answers " +
            string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")) + $", findings {findings.Count}");
        Assert.True(findings.Count == 0, $"{findings.Count} findings:\n" + string.Join('\n', findings.Take(20)));
        await platform.Control.WaitHealthyAsync(TimeSpan.FromSeconds(30));
        DataFingerprint.AssertUnchanged(before, await DataFingerprint.TakeWhenQuietAsync(platform));
    }

    private static string Trim(string s) => s.Length > 300 ? s[..300] + "…" : s;

    private sealed record Targets(Guid Strategy, Guid Direction, Guid Zone, Guid Report);

    private static async Task<Targets> TargetsAsync(HttpClient http)
    {
        var strategy = await Reports.DemoStrategyIdAsync(http);
        var tree = await http.GetFromJsonAsync<JsonElement>($"api/v1/catalogue/strategies/{strategy}/directions?pageSize=1");
        var direction = tree.GetProperty("items")[0].GetProperty("id").GetGuid();
        var zones = await http.GetFromJsonAsync<JsonElement>("api/v1/zones?pageSize=1");
        var zone = zones.GetProperty("items")[0].GetProperty("id").GetGuid();
        var reports = await http.GetFromJsonAsync<JsonElement>("api/v1/reports?pageSize=1");
        var report = reports.GetProperty("items").GetArrayLength() > 0 ? reports.GetProperty("items")[0].GetProperty("id").GetGuid() : Guid.NewGuid();
        return new Targets(strategy, direction, zone, report);
    }

    private static HttpRequestMessage Query(Random random, Targets t)
    {
        (string Path, string[] Parameters)[] queries =
        [
            ("api/v1/zones", ["gmina", "minAvailableHa", "utilities", "maxMotorwayKm", "state", "bbox", "near", "radiusKm", "sort", "page", "pageSize", "polygon", "sse", "maxPrice"]),
            ("api/v1/zones/summary", ["gmina", "state"]),
            ($"api/v1/zones/{t.Zone}", []),
            ("api/v1/labour/series", ["indicator", "unit", "from", "to", "breakdown", "asOf", "periodKind"]),
            ("api/v1/labour/units", ["level", "parent"]),
            ("api/v1/catalogue/strategies", ["page", "pageSize", "q", "owner"]),
            ($"api/v1/catalogue/strategies/{t.Strategy}", []),
            ($"api/v1/catalogue/strategies/{t.Strategy}/directions", ["status", "year", "q", "implementer", "page", "pageSize"]),
            ($"api/v1/catalogue/strategies/{t.Strategy}/missing-entries", ["year"]),
            ($"api/v1/catalogue/directions/{t.Direction}/entries", ["year"]),
            ("api/v1/reports", ["page", "pageSize", "strategyId", "kind"]),
            ($"api/v1/reports/{t.Report}", []),
        ];
        var (path, parameters) = queries[random.Next(queries.Length)];
        var query = new StringBuilder();
        var count = parameters.Length == 0 ? 0 : random.Next(1, Math.Min(4, parameters.Length) + 1);
        for (var i = 0; i < count; i++)
        {
            var name = random.Next(10) == 0 ? "zzz" + random.Next(100) : parameters[random.Next(parameters.Length)];
            query.Append(i == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(OddValues[random.Next(OddValues.Length)]));
        }
        // Now and then an id in the path that is not an id at all.
        if (random.Next(8) == 0) path = path.Replace(t.Zone.ToString(), OddValues[random.Next(OddValues.Length)].Replace("/", "%2F"));
        return new HttpRequestMessage(HttpMethod.Get, path + query);
    }

    private static HttpRequestMessage Write(Random random, JsonMutator mutator, Targets t)
    {
        (HttpMethod Method, string Path, string Sample)[] writes =
        [
            (HttpMethod.Post, "api/v1/zones", Samples.Zone),
            (HttpMethod.Put, $"api/v1/zones/{t.Zone}", Samples.Zone),
            (HttpMethod.Post, $"api/v1/zones/{t.Zone}/plots", Samples.Plot),
            (HttpMethod.Post, $"api/v1/catalogue/directions/{t.Direction}/entries", Samples.Entry),
            (HttpMethod.Post, "api/v1/catalogue/strategies", Samples.Strategy),
            (HttpMethod.Post, "api/v1/catalogue/strategies/import", Samples.Import),
            (HttpMethod.Post, "api/v1/labour/observations", Samples.Observations),
            (HttpMethod.Post, "api/v1/reports", Samples.Report(t.Strategy)),
        ];
        var (method, path, sample) = writes[random.Next(writes.Length)];
        var request = new HttpRequestMessage(method, path);
        switch (random.Next(12))
        {
            case 0: // under a content type no endpoint reads
                request.Content = new ByteArrayContent(mutator.Mutate(sample, Samples.OnlySyntax(sample)).Body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(random.Next(2) == 0 ? "text/plain" : "application/xml");
                break;
            case 1: // deeply nested
                var depth = random.Next(100, 3000);
                request.Content = new StringContent(new string('[', depth) + new string(']', depth - 1), Encoding.UTF8, "application/json");
                break;
            default:
                request.Content = new ByteArrayContent(mutator.Mutate(sample, Samples.OnlySyntax(sample)).Body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                break;
        }
        return request;
    }
}
