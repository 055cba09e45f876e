using System.Text.Json;
using Grpc.Interop.Tests.Infrastructure;
using Xunit.Abstractions;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Identity;

namespace Grpc.Interop.Tests;

/// <summary>
/// An independent gRPC client (a peer process, <see cref="Peer"/>) against the real platform through its
/// gateway: each case is one peer run whose printed observations are judged here, and, where the wire
/// matters, what the service itself received (<see cref="CallRecorder"/>). Every case runs with both peers.
/// </summary>
public abstract class PeerCases(PlatformFixture platform, Peer peer, ITestOutputHelper output)
{
    private static readonly TimeSpan ServiceSide = TimeSpan.FromSeconds(15);
    private static string NewProbe() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Health_check_on_the_gateway()
    {
        var seen = await peer.RunAsync(platform, output, "health");

        Assert.Equal("SERVING", seen.Str("overall"));
        Assert.Equal("SERVING", seen.Str("liveness"));
        Assert.Equal("NOT_FOUND", seen.Str("unknown"));
    }

    [Fact]
    public async Task Reflection_lists_the_platform_and_its_descriptors_are_enough_to_call_every_service()
    {
        var seen = await peer.RunAsync(platform, output, "reflection");

        var services = seen.GetProperty("services").Strings();
        Assert.Contains("platform.catalogue.v1.CatalogueService", services);
        Assert.Contains("platform.labour.v1.LabourMarket", services);
        Assert.Contains("platform.zones.v1.Zones", services);
        Assert.Contains("platform.reporting.v1.ReportingService", services);
        Assert.Contains("grpc.health.v1.Health", services);

        // The requests were encoded and the answers decoded with what reflection served: the paging asked for comes back.
        var calls = seen.GetProperty("calls");
        var strategies = calls.GetProperty("platform.catalogue.v1.CatalogueService/ListStrategies");
        Assert.Equal("platform.catalogue.v1.ListStrategiesResponse", strategies.Str("type"));
        Assert.Equal((2, 7), (strategies.GetProperty("response").Int("page"), strategies.GetProperty("response").Int("page_size")));
        var reports = calls.GetProperty("platform.reporting.v1.ReportingService/ListReports");
        Assert.Equal("platform.reporting.v1.ListReportsResponse", reports.Str("type"));
        Assert.Equal(9, reports.GetProperty("response").Int("page_size"));
        var indicators = calls.GetProperty("platform.labour.v1.LabourMarket/ListIndicators").GetProperty("response").GetProperty("indicators")
            .EnumerateArray().Select(i => i.Str("code")).ToList();
        Assert.Contains("registered_unemployed", indicators);
        Assert.Contains("unemployment_rate", indicators);
        var gminy = calls.GetProperty("platform.zones.v1.Zones/GetSummary").GetProperty("response").GetProperty("gminy")
            .EnumerateArray().Select(g => g.GetProperty("gmina").Str("teryt")).ToList();
        Assert.NotEmpty(gminy);
        Assert.All(gminy, teryt => Assert.StartsWith("1203", teryt));
    }

    [Fact]
    public async Task A_unary_call_reads_the_units_of_a_powiat()
    {
        var seen = await peer.RunAsync(platform, output, "unary");

        var units = seen.GetProperty("units").Strings();
        Assert.Equal(13, units.Count); // the five gminy of powiat chrzanowski and the parts of the four urban-rural ones
        Assert.Equal(units.Count, seen.GetProperty("total").GetInt32());
        Assert.Contains("1203033", units);
        Assert.Equal("Libiąż", seen.GetProperty("names").Str("1203044")); // the town part, named as the TERYT register names it
    }

    [Fact]
    public async Task A_server_stream_exports_the_stored_batch_page_by_page_to_an_analyst_only()
    {
        var seen = await peer.RunAsync(platform, output, "server_stream");

        var pages = seen.GetProperty("pages").EnumerateArray().Select(p => p.GetInt32()).ToList();
        Assert.Equal((PlatformFixture.SeededRows + 99) / 100, pages.Count);
        Assert.All(pages.SkipLast(1), size => Assert.Equal(100, size));
        Assert.Equal(platform.SeededIds, seen.GetProperty("ids").EnumerateArray().Select(i => i.GetInt64()).ToList());

        var anonymous = seen.GetProperty("anonymous").GetProperty("error");
        Assert.Equal("UNAUTHENTICATED", anonymous.Str("code"));
        Assert.StartsWith("Zaloguj się", anonymous.Str("message"));
        var office = seen.GetProperty("labour_office").GetProperty("error");
        Assert.Equal("PERMISSION_DENIED", office.Str("code"));
        Assert.Contains("Rola nie pozwala", office.Str("message"));
    }

    [Fact]
    public async Task A_client_stream_feeds_a_batch_with_a_labour_offices_key_and_a_resend_changes_nothing()
    {
        var year = 2010 + peer.Index;
        var seen = await peer.RunAsync(platform, output, "client_stream", year: year);

        Assert.True(seen.GetProperty("messages").GetInt32() > 1, "the batch went in one message: not a stream");
        var first = seen.GetProperty("first");
        Assert.Equal((seen.Str("batch"), 12, 12, 0, 0, 0), Counts(first));
        Assert.Equal(Counts(first), Counts(seen.GetProperty("again")));

        // The figures are there for everybody to read, as the peer sent them.
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(platform.Gateway.GrpcAddress);
        var series = await new Platform.Contracts.Labour.V1.LabourMarket.LabourMarketClient(channel).GetSeriesAsync(
            new() { Indicator = "inflow", Unit = "1203", From = $"{year}-01", To = $"{year}-12" }, deadline: DateTime.UtcNow.AddSeconds(20));
        Assert.Equal(12, series.Points.Count);
        Assert.All(series.Points, p => Assert.Equal(seen.Str("batch"), p.BatchId));
    }

    [Fact]
    public async Task A_tiny_deadline_is_DEADLINE_EXCEEDED_for_a_call_and_mid_stream_and_the_channel_goes_on()
    {
        var probe = NewProbe();
        var seen = await peer.RunAsync(platform, output, "deadline", probe);

        Assert.Equal("DEADLINE_EXCEEDED", seen.GetProperty("unary").GetProperty("error").Str("code"));
        Assert.Equal("DEADLINE_EXCEEDED", seen.GetProperty("stream").GetProperty("error").Str("code"));
        Assert.True(seen.GetProperty("stream_received").GetInt32() < PlatformFixture.SeededRows, "the whole stream came within its deadline");
        Assert.True(seen.GetProperty("after").GetInt32() > 0, "the channel did not work after the deadline");
        // The deadline travels through the gateway to the service (grpc-timeout).
        var call = await platform.Calls.FinishedAsync(probe, ServiceSide);
        var timeout = GrpcTimeout(call.Header("grpc-timeout"));
        Assert.InRange(timeout, TimeSpan.FromTicks(1), TimeSpan.FromMilliseconds(550)); // gRPC core rounds up (500 ms goes as 501m)
    }

    [Fact]
    public async Task Cancelling_a_stream_reaches_the_service_through_the_gateway()
    {
        var probe = NewProbe();
        var seen = await peer.RunAsync(platform, output, "cancel", probe);

        Assert.Equal(1, seen.GetProperty("first_page").GetInt32());
        Assert.Equal("CANCELLED", seen.Str("code"));
        Assert.True(seen.GetProperty("after").GetInt32() > 0, "the channel did not work after the cancellation");
        // One database page per message: without the cancellation the service would still be sending.
        var call = await platform.Calls.FinishedAsync(probe, ServiceSide);
        Assert.Equal(("labour", "/platform.labour.v1.LabourMarket/ExportObservations"), (call.Service, call.Path));
        Assert.True(call.Aborted, "the service finished the export as if nobody had cancelled it");
    }

    [Fact]
    public async Task Custom_metadata_reaches_the_service_and_response_headers_come_back()
    {
        var probe = NewProbe();
        var seen = await peer.RunAsync(platform, output, "metadata", probe);

        Assert.Equal("OK", seen.Str("code"));
        // Once: the gateway does not append the service's echo to its own (grpc-js would join two with ", ").
        Assert.Equal(["interop-" + probe], seen.GetProperty("initial").GetProperty("x-correlation-id").Strings());

        var anonymous = await platform.Calls.FinishedAsync(probe, ServiceSide);
        Assert.Equal(("catalogue", "/platform.catalogue.v1.CatalogueService/ListStrategies"), (anonymous.Service, anonymous.Path));
        Assert.Equal(probe, anonymous.Header("x-interop-probe"));
        Assert.Equal(new byte[] { 0, 1, 2, 0xfe, 0xff }, Base64(anonymous.Header("x-interop-note-bin")));
        Assert.Equal("interop-" + probe, anonymous.Header("x-correlation-id"));
        Assert.Contains(peer.UserAgent, anonymous.Header("user-agent") ?? "");
        Assert.NotNull(anonymous.Header("grpc-timeout")); // the peer's deadline travels on
        Assert.Null(anonymous.Header(InternalIdentityToken.HeaderName));

        // With a key: the service hears the gateway's signed identity, never the key itself.
        var withKey = await platform.Calls.FinishedAsync(probe + "-key", ServiceSide);
        Assert.NotNull(withKey.Header(InternalIdentityToken.HeaderName));
        Assert.Null(withKey.Header("x-api-key"));
    }

    [Fact]
    public async Task Gzip_compressed_request_messages_reach_the_service_compressed()
    {
        var probe = NewProbe();
        var seen = await peer.RunAsync(platform, output, "compression", probe, year: 2012 + peer.Index);

        var answer = seen.GetProperty("answer");
        Assert.Equal((12, 12, 0), (answer.Int("received"), answer.Int("accepted"), answer.Int("rejected")));
        Assert.True(seen.GetProperty("units").GetInt32() > 0);

        var call = await platform.Calls.FinishedAsync(probe, ServiceSide);
        Assert.Equal("/platform.labour.v1.LabourMarket/SubmitObservations", call.Path);
        Assert.Equal("gzip", call.Header("grpc-encoding"));
        Assert.Contains("gzip", call.Header("grpc-accept-encoding") ?? "");
        Assert.Equal(3, call.CompressedFlags.Count);
        Assert.All(call.CompressedFlags, compressed => Assert.True(compressed));
    }

    [Fact]
    public async Task INVALID_ARGUMENT_carries_BadRequest_details_the_peer_decodes()
    {
        var seen = await peer.RunAsync(platform, output, "invalid_argument");

        var unary = seen.GetProperty("unary").GetProperty("error");
        Assert.Equal("INVALID_ARGUMENT", unary.Str("code"));
        Assert.Equal(ApplicationErrorInterceptor.InvalidMessage, unary.Str("message"));
        Assert.Equal(3, unary.GetProperty("status_code").GetInt32());
        Assert.Equal(unary.Str("message"), unary.Str("status_message"));
        Assert.Equal(["powiat"], unary.GetProperty("fields").Strings());
        Assert.Equal(["Nieznany kod TERYT 12x: nie ma go w rejestrze."], unary.GetProperty("descriptions").Strings());

        var stream = seen.GetProperty("stream").GetProperty("error");
        Assert.Equal("INVALID_ARGUMENT", stream.Str("code"));
        Assert.Equal(["rows[2].value", "rows[3].period", "rows[4].indicator"], stream.GetProperty("fields").Strings().Order());
        Assert.Contains("google.rpc.BadRequest", stream.GetProperty("detail_types").Strings());
        var rejected = stream.GetProperty("answer");
        Assert.Equal((4, 0, 3), (rejected.Int("received"), rejected.Int("accepted"), rejected.Int("rejected")));
    }

    private static (string, int, int, int, int, int) Counts(JsonElement r) =>
        (r.Str("batch_id"), r.Int("received"), r.Int("accepted"), r.Int("unchanged"), r.Int("revised"), r.Int("rejected"));

    /// <summary>A grpc-timeout value: digits and a unit (H, M, S, m, u, n).</summary>
    private static TimeSpan GrpcTimeout(string? value)
    {
        Assert.False(string.IsNullOrEmpty(value), "the service got no grpc-timeout");
        var amount = long.Parse(value[..^1], System.Globalization.CultureInfo.InvariantCulture);
        return value[^1] switch
        {
            'H' => TimeSpan.FromHours(amount),
            'M' => TimeSpan.FromMinutes(amount),
            'S' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMilliseconds(amount),
            'u' => TimeSpan.FromMicroseconds(amount),
            'n' => TimeSpan.FromTicks(amount / 100),
            _ => throw new Xunit.Sdk.XunitException($"grpc-timeout {value} has no known unit"),
        };
    }

    /// <summary>A -bin header as sent: base64, padded (grpc-js) or not (grpcio).</summary>
    private static byte[] Base64(string? value)
    {
        Assert.NotNull(value);
        var padded = value.PadRight(value.Length + (4 - value.Length % 4) % 4, '=');
        return Convert.FromBase64String(padded);
    }
}

[Collection(PlatformCollection.Name)]
public sealed class PythonPeerTests(PlatformFixture platform, ITestOutputHelper output) : PeerCases(platform, Peer.Python, output);

[Collection(PlatformCollection.Name)]
public sealed class NodePeerTests(PlatformFixture platform, ITestOutputHelper output) : PeerCases(platform, Peer.Node, output);

internal static class Json
{
    public static string Str(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) ? value.GetString() ?? "" : throw new Xunit.Sdk.XunitException($"no \"{name}\" in {e.GetRawText()}");

    public static int Int(this JsonElement e, string name) => e.TryGetProperty(name, out var value) ? value.GetInt32() : 0;

    public static List<string> Strings(this JsonElement array) => array.EnumerateArray().Select(v => v.GetString() ?? "").ToList();
}
