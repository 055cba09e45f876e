using System.Net;
using System.Text;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Contracts.Labour.V1;
using PupFeed.Cli;
using LabourService = Platform.Contracts.Labour.V1.LabourMarket;

namespace LabourMarket.Tests;

/// <summary>
/// The gateway resets a feed's stream when the labour service behind it is killed mid-stream (found by the
/// end-to-end fault test in CI, where pup-feed gave up with exit code 4). The feeder must take such a
/// reset as "try again", like UNAVAILABLE: the batch id makes the second send safe.
/// </summary>
public sealed class PupFeedBrokenStreamTests : IAsyncLifetime
{
    private WebApplication _server = null!;
    private readonly string _folder = Directory.CreateTempSubdirectory("pup-feed-reset-").FullName;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear(); // not the service's appsettings.json (its Kestrel endpoints) copied beside the tests
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<ResettingLabour>();
        _server = builder.Build();
        _server.MapGrpcService<ResettingLabour>();
        await _server.StartAsync();
    }

    [Theory]
    [InlineData(Breakage.Reset)]
    [InlineData(Breakage.Cancelled)]
    public async Task A_feed_broken_off_under_way_is_retried_and_the_second_send_is_accepted(Breakage breakage)
    {
        _server.Services.GetRequiredService<ResettingLabour>().Breakage = breakage;
        var path = Path.Combine(_folder, "eksport.csv");
        await File.WriteAllTextAsync(path, "TERYT;Wskaźnik;Okres;Przekrój;Wartość\n1203033;registered_unemployed;2024-01;ogółem;1012\n", Encoding.UTF8);
        var output = new StringWriter();
        var errors = new StringWriter();

        var code = await FeedApp.RunAsync(["send", path, "--address", _server.Urls.Single(), "--retries", "2", "--retry-delay", "0.05"],
            output, errors, CancellationToken.None);

        Assert.True(code == ExitCodes.Ok, $"exit {code}\n{output}\n{errors}");
        Assert.Contains("ponowienie 1/2", errors.ToString());
        Assert.Contains("PRZYJĘTO paczkę", output.ToString());
        Assert.Equal(2, _server.Services.GetRequiredService<ResettingLabour>().Attempts);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    public enum Breakage { Reset, Cancelled }

    /// <summary>Answers the reference lists; breaks the first feed stream off after its first message, accepts the second.</summary>
    private sealed class ResettingLabour : LabourService.LabourMarketBase
    {
        private int _attempts;
        public int Attempts => _attempts;
        public Breakage Breakage { get; set; }

        public override Task<ListIndicatorsResponse> ListIndicators(ListIndicatorsRequest request, ServerCallContext context) =>
            Task.FromResult(new ListIndicatorsResponse
            {
                Indicators = { new IndicatorInfo { Code = "registered_unemployed", Name = "Bezrobotni zarejestrowani", ValueKind = "count" } },
                Breakdowns = { new Breakdown { Code = "total", Name = "ogółem" } },
            });

        public override Task<ListUnitsResponse> ListUnits(ListUnitsRequest request, ServerCallContext context) =>
            Task.FromResult(new ListUnitsResponse { Units = { new TerritorialUnit { Teryt = "1203033", Name = "Chrzanów" } }, Total = 1 });

        public override async Task<SubmitObservationsResponse> SubmitObservations(IAsyncStreamReader<SubmitObservationsRequest> requestStream, ServerCallContext context)
        {
            var attempt = Interlocked.Increment(ref _attempts);
            var first = await requestStream.MoveNext() ? requestStream.Current : new SubmitObservationsRequest();
            if (attempt == 1 && Breakage == Breakage.Cancelled)
                throw new RpcException(new Status(StatusCode.Cancelled, "Call canceled by the client."));
            if (attempt == 1)
            {
                // What Kestrel does to the client's stream when YARP aborts a request whose upstream died.
                context.GetHttpContext().Abort();
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            }
            long rows = first.Rows.Count;
            while (await requestStream.MoveNext()) rows += requestStream.Current.Rows.Count;
            return new SubmitObservationsResponse { BatchId = first.BatchId, Received = rows, Accepted = rows, ReceivedAt = DateTimeOffset.UtcNow.ToString("O") };
        }
    }
}
