using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Platform.Testing;

namespace Gateway.Tests;

public sealed class ProxyTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Rest_calls_reach_the_service_and_the_correlation_id_comes_back()
    {
        using var client = fixture.Gateway.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/catalogue/strategies");
        request.Headers.Add("X-Correlation-Id", "test-corr-42");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("test-corr-42", response.Headers.GetValues("X-Correlation-Id").First());
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.ValueKind);
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_with_problem_details()
    {
        using var client = fixture.Gateway.CreateHttpClient();
        using var response = await client.GetAsync("api/v1/nothing-here/at-all");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_service_that_is_down_gives_503_for_REST_and_UNAVAILABLE_for_gRPC_without_hanging()
    {
        var closedPort = ServiceTestHost.FreePort();
        await using var gateway = await fixture.StartGatewayAsync(
        [
            new("Services:labour:Http", $"http://127.0.0.1:{closedPort}/"),
            new("Services:labour:Grpc", $"http://127.0.0.1:{closedPort}/"),
        ]);

        var watch = Stopwatch.StartNew();
        using var rest = gateway.CreateHttpClient();
        using var restResponse = await rest.GetAsync("api/v1/labour/units");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, restResponse.StatusCode);
        Assert.Equal("application/problem+json", restResponse.Content.Headers.ContentType?.MediaType);

        using var grpc = new HttpClient();
        using var call = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.GrpcAddress, "/platform.labour.v1.LabourMarket/ListUnits"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(new byte[5]),
        };
        call.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
        call.Headers.TryAddWithoutValidation("te", "trailers");
        using var grpcResponse = await grpc.SendAsync(call);
        Assert.Equal(HttpStatusCode.OK, grpcResponse.StatusCode);
        Assert.Equal("14", grpcResponse.Headers.GetValues("grpc-status").Single());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Per_client_rate_limits_answer_429_with_problem_details()
    {
        await using var gateway = await fixture.StartGatewayAsync(
        [
            new("Services:catalogue:Http", fixture.Host.HttpAddress.ToString()),
            new("RateLimiting:PermitsPerMinute", "3"),
        ]);
        using var client = gateway.CreateHttpClient();
        for (var i = 0; i < 3; i++) (await client.GetAsync("api/v1/catalogue/strategies")).EnsureSuccessStatusCode();

        using var limited = await client.GetAsync("api/v1/catalogue/strategies");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_OpenAPI_document_covers_the_services_API_and_has_a_readable_page()
    {
        using var client = fixture.Gateway.CreateHttpClient();
        var document = JsonDocument.Parse(await client.GetStringAsync("openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/catalogue/strategies", paths);
        Assert.Contains("/healthz", paths);

        using var page = await client.GetAsync("openapi");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/openapi/v1.json", await page.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// The whole API as a user of the document sees it: every write says what body it takes and that it needs a
    /// signed-in caller, every operation names its refusals (as problem details), tags name resources, not classes.
    /// </summary>
    [Fact]
    public async Task Every_operation_documents_its_body_with_an_example_its_refusals_and_its_security()
    {
        using var client = fixture.Gateway.CreateHttpClient();
        var document = JsonDocument.Parse(await client.GetStringAsync("openapi/v1.json")).RootElement;
        var problems = new List<string>();
        var operations = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var (method, op) in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete" or "patch").Select(o => (o.Name, o.Value)))
            {
                operations++;
                var name = $"{method.ToUpperInvariant()} {path.Name}";
                var writes = method is not "get";
                var responses = op.GetProperty("responses").EnumerateObject().ToList();
                var refusals = responses.Where(r => r.Name.StartsWith('4')).ToList();
                if (refusals.Count == 0) problems.Add($"{name}: no 4xx answer");
                foreach (var r in refusals)
                    if (!r.Value.TryGetProperty("content", out var content) || !content.EnumerateObject().Any(c => c.Name == "application/problem+json"))
                        problems.Add($"{name}: {r.Name} is not problem details");
                if (!responses.Any(r => r.Name.StartsWith('2'))) problems.Add($"{name}: no success answer");
                // A write that takes a body describes it; one that takes none (archive, restore) says so explicitly.
                var bodiless = op.TryGetProperty("x-request-body", out var none) && none.GetString() == "none";
                if (method is "post" or "put" or "patch" && !bodiless
                    && !(op.TryGetProperty("requestBody", out var body) && body.GetProperty("content").EnumerateObject().Any(c => c.Value.TryGetProperty("schema", out _))))
                    problems.Add($"{name}: no request body schema");
                // Every body shows an example in the data officials write (a raw file upload excepted).
                if (op.TryGetProperty("requestBody", out var described))
                    foreach (var media in described.GetProperty("content").EnumerateObject().Where(c => c.Name != "application/octet-stream"))
                        if (!media.Value.TryGetProperty("example", out var example) || example.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
                            problems.Add($"{name}: no example of its {media.Name} body");
                if (writes && !(op.TryGetProperty("security", out var security) && security.GetArrayLength() > 0))
                    problems.Add($"{name}: a write without security");
                if (writes && !refusals.Any(r => r.Name == "401")) problems.Add($"{name}: a write without 401");
                foreach (var tag in op.TryGetProperty("tags", out var tags) ? tags.EnumerateArray().Select(t => t.GetString() ?? "") : [])
                    if (tag.Contains("Endpoints", StringComparison.Ordinal) || tag.Contains(".Api", StringComparison.Ordinal) || tag.Length == 0)
                        problems.Add($"{name}: tag '{tag}' is a code name");
            }
        }
        Assert.True(operations >= 30, $"only {operations} operations in the document");
        Assert.True(problems.Count == 0, $"{problems.Count} gaps in the API description:\n" + string.Join('\n', problems));
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal("x-api-key", schemes.GetProperty("apiKey").GetProperty("name").GetString());
    }
}
