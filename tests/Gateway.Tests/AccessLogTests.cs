using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Identity;

namespace Gateway.Tests;

/// <summary>
/// Security finding 6: the access log said 200 for a refused gRPC call (gRPC answers HTTP 200 whatever happened), and
/// URLs with secrets in them were written down. What the operators read must say what happened and hold no secret.
/// </summary>
public sealed class AccessLogTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task A_refused_grpc_call_is_logged_with_its_grpc_status_and_no_url_secret_is_written()
    {
        var lines = new ConcurrentQueue<(string Category, string Message)>();
        await using var gateway = await fixture.StartGatewayAsync(
        [
            new("Services:catalogue:Http", fixture.Host.HttpAddress.ToString()),
            new("Services:catalogue:Grpc", fixture.Host.GrpcAddress.ToString()),
            new("Services:labour:Http", fixture.Labour.HttpAddress.ToString()),
            new("Services:labour:Grpc", fixture.Labour.GrpcAddress.ToString()),
        ], builder =>
        {
            builder.Logging.AddProvider(new Capture(lines));
            // The levels the gateway ships with (its appsettings.json), as this provider's own: the tests' hosts log warnings only.
            var shipped = new ConfigurationBuilder().AddJsonFile(Path.Combine(Platform.Testing.Repository.Root, "gateway/Gateway/appsettings.json")).Build();
            foreach (var level in shipped.GetSection("Logging:LogLevel").GetChildren())
                builder.Logging.AddFilter<Capture>(level.Key == "Default" ? null : level.Key, Enum.Parse<LogLevel>(level.Value!));
        });

        // An anonymous bulk export: the labour service refuses it (UNAUTHENTICATED), over an HTTP 200.
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(gateway.GrpcAddress);
        var call = new Platform.Contracts.Labour.V1.LabourMarket.LabourMarketClient(channel)
            .ExportObservations(new Platform.Contracts.Labour.V1.ExportObservationsRequest(), deadline: DateTime.UtcNow.AddSeconds(20));
        var refused = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);

        // A key in the query string: refused, and written nowhere.
        var (_, key) = await fixture.CreateApiKeyAsync(PlatformRoles.LabourOffice, "1203", TimeSpan.FromDays(1));
        using var http = gateway.CreateHttpClient();
        using (await http.GetAsync($"api/v1/catalogue/strategies?api_key={Uri.EscapeDataString(key)}")) { }
        using (await http.GetAsync("api/v1/catalogue/strategies?page=1")) { }

        await Platform.Testing.Eventually.AssertAsync(() => Task.FromResult(lines.Any(l => l.Category == "Gateway.Access" && l.Message.Contains("ExportObservations"))),
            TimeSpan.FromSeconds(10), "the export in the access log: " + string.Join(" || ", lines.Select(l => l.Category + ": " + l.Message).Take(30)));
        var export = lines.First(l => l.Category == "Gateway.Access" && l.Message.Contains("ExportObservations")).Message;
        Assert.Contains(" 200 ", export);
        Assert.Contains("grpc-status=16", export);
        Assert.Contains(lines, l => l.Category == "Gateway.Access" && l.Message.Contains("/api/v1/catalogue/strategies 200") && l.Message.Contains("grpc-status=-"));
        Assert.DoesNotContain(lines, l => l.Message.Contains(key) || l.Message.Contains(Uri.EscapeDataString(key)));
        Assert.DoesNotContain(lines, l => l.Message.Contains("page=1")); // no query string in any log line
    }

    private sealed class Capture(ConcurrentQueue<(string, string)> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);
        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<(string, string)> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue((category, formatter(state, exception)));
        }
    }
}
