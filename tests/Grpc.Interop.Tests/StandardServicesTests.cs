using System.Text.Json;
using Grpc.Health.V1;
using Grpc.Interop.Tests.Infrastructure;
using Xunit;
using Xunit.Sdk;

namespace Grpc.Interop.Tests;

/// <summary>grpc-health-check (Node, grpc-js) → our server's grpc.health.v1.Health.</summary>
public sealed class NodeHealthCheckTests(OurServerFixture server) : IClassFixture<OurServerFixture>
{
    private string Target => $"127.0.0.1:{server.Port}";

    [Fact]
    public async Task Check_WholeServer_IsServing()
    {
        var result = await Run("check");
        Assert.Equal("SERVING", Property(result, "status"));
    }

    [Fact]
    public async Task Check_MappedService_IsServing()
    {
        var result = await Run("check", "--service", "grpc.testing.TestService");
        Assert.Equal("SERVING", Property(result, "status"));
    }

    [Fact]
    public async Task Check_UnknownService_IsNotFound()
    {
        var result = await Run("check", "--service", "no.such.Service");
        Assert.Equal("5", Property(result, "code"));
    }

    [Fact]
    public async Task Watch_WholeServer_SendsCurrentStatus()
    {
        var result = await Run("watch", "--count", "1");
        Assert.Equal("SERVING", Property(result, "status"));
    }

    [Fact]
    public async Task Watch_UnknownService_SendsServiceUnknownWithoutEnding()
    {
        var result = await Run("watch", "--service", "not.registered.Yet", "--count", "1");
        Assert.Equal("SERVICE_UNKNOWN", Property(result, "status"));
    }

    [Fact]
    public async Task Watch_SeesStatusChanges()
    {
        const string service = "interop.WatchedService";
        server.Server.Health.SetStatus(service, HealthCheckResponse.Types.ServingStatus.Serving);
        var watch = PeerClients.RunNodeToolAsync("health-check.js", "--target", Target, "watch", "--service", service, "--count", "3", "--timeout_ms", "20000");
        // The watcher prints SERVING first; flip the status until it has seen three updates.
        var flips = Task.Run(async () =>
        {
            var status = HealthCheckResponse.Types.ServingStatus.Serving;
            for (var i = 0; i < 40 && !watch.IsCompleted; i++)
            {
                await Task.Delay(500);
                status = status == HealthCheckResponse.Types.ServingStatus.Serving
                    ? HealthCheckResponse.Types.ServingStatus.NotServing
                    : HealthCheckResponse.Types.ServingStatus.Serving;
                server.Server.Health.SetStatus(service, status);
            }
        });
        var result = await watch;
        await flips;
        if (result.ExitCode != 0)
        {
            throw new XunitException(result.Describe("node health-check.js watch"));
        }
        var statuses = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("status").GetString()).ToList();
        // The first update is the status current when Watch started; later ones follow the flips.
        Assert.Equal(3, statuses.Count);
        Assert.All(statuses, s => Assert.Contains(s, new[] { "SERVING", "NOT_SERVING" }));
        Assert.Contains("SERVING", statuses);
        Assert.Contains("NOT_SERVING", statuses);
    }

    /// <summary>A property of the tool's JSON line; a missing one fails with the whole line (e.g. an error status).</summary>
    private static string Property(JsonElement line, string name) =>
        line.TryGetProperty(name, out var value)
            ? (value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.GetString() ?? "")
            : throw new XunitException($"expected \"{name}\" in the health-check.js output, got {line.GetRawText()}");

    private async Task<JsonElement> Run(params string[] args)
    {
        var result = await PeerClients.RunNodeToolAsync("health-check.js", ["--target", Target, .. args]);
        if (result.ExitCode != 0)
        {
            throw new XunitException(result.Describe($"node health-check.js {string.Join(' ', args)}"));
        }
        return JsonDocument.Parse(result.StdOut.Trim().Split('\n')[0]).RootElement;
    }
}

/// <summary>grpc-js-reflection-client (Node) → our server's reflection, v1 and v1alpha.</summary>
public sealed class NodeReflectionTests(OurServerFixture server) : IClassFixture<OurServerFixture>
{
    [Theory]
    [InlineData("v1")]
    [InlineData("v1alpha")]
    public async Task ListServices(string version)
    {
        var result = await Run(version, "list");
        var services = result.GetProperty("services").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("grpc.testing.TestService", services);
        Assert.Contains("grpc.health.v1.Health", services);
        Assert.Contains("grpc.reflection.v1.ServerReflection", services);
        Assert.Contains("grpc.reflection.v1alpha.ServerReflection", services);
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v1alpha")]
    public async Task DescribeMethod(string version)
    {
        // Resolving the service pulls test.proto by symbol, then messages.proto and empty.proto by file name.
        var result = await Run(version, "describe", "grpc.testing.TestService/StreamingOutputCall");
        Assert.Equal("StreamingOutputCall", result.GetProperty("method").GetString());
        Assert.Equal("grpc.testing.StreamingOutputCallRequest", result.GetProperty("requestType").GetString());
        Assert.Equal("grpc.testing.StreamingOutputCallResponse", result.GetProperty("responseType").GetString());
        Assert.False(result.GetProperty("requestStream").GetBoolean());
        Assert.True(result.GetProperty("responseStream").GetBoolean());
        var methods = result.GetProperty("methods").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("UnaryCall", methods);
        Assert.Contains("UnimplementedCall", methods);
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v1alpha")]
    public async Task DescribeHealthCheck(string version)
    {
        var result = await Run(version, "describe", "grpc.health.v1.Health/Check");
        Assert.Equal("grpc.health.v1.HealthCheckRequest", result.GetProperty("requestType").GetString());
        Assert.Equal("grpc.health.v1.HealthCheckResponse", result.GetProperty("responseType").GetString());
    }

    private async Task<JsonElement> Run(string version, params string[] args)
    {
        var result = await PeerClients.RunNodeToolAsync("reflection.js", ["--target", $"127.0.0.1:{server.Port}", "--version", version, .. args]);
        if (result.ExitCode != 0)
        {
            throw new XunitException(result.Describe($"node reflection.js --version {version} {string.Join(' ', args)}"));
        }
        return JsonDocument.Parse(result.StdOut.Trim()).RootElement;
    }
}
