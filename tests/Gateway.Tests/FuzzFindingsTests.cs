using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.ServiceDefaults.Grpc;
using Platform.ServiceDefaults.Identity;
using Labour = Platform.Contracts.Labour.V1;
using ZonesPb = Platform.Contracts.Zones.V1;
using CataloguePb = Platform.Contracts.Catalogue.V1;
using ReportingPb = Platform.Contracts.Reporting.V1;

namespace Gateway.Tests;

/// <summary>
/// What the end-to-end fuzz run (tests/EndToEnd.Tests/Fuzz) found, kept as regression tests through the gateway:
/// each was a 500 or UNKNOWN before its fix, and must stay a clear 4xx / proper status.
/// </summary>
public sealed class FuzzFindingsTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private HttpClient Admin()
    {
        var client = fixture.Gateway.CreateHttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.PersonToken(PlatformRoles.Admin, ""));
        return client;
    }

    [Theory]
    [InlineData("api/v1/reports", "text/plain")]
    [InlineData("api/v1/reports", "application/xml")]
    [InlineData("api/v1/labour/observations", "text/plain")]
    public async Task A_body_in_a_foreign_content_type_is_a_400_naming_the_body(string path, string contentType)
    {
        using var admin = Admin();
        using var response = await admin.PostAsync(path, new StringContent("{\"kind\":\"x\"}", Encoding.UTF8, contentType));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {body}");
        Assert.Contains("\"body\"", body);
    }

    [Fact]
    public async Task Malformed_JSON_for_the_labour_feed_is_a_400_with_problem_details_not_an_empty_answer()
    {
        using var admin = Admin();
        using var response = await admin.PostAsync("api/v1/labour/observations",
            new StringContent("{\"batchId\":\"x\",\"rows\":[{\"row\":\"a\"}]}", Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("rows[0].row", body);
    }

    [Theory]
    [InlineData("api/v1/labour/series?indicator=registered_unemployed&unit=1203%00")]
    [InlineData("api/v1/zones?gmina=%00")]
    public async Task A_NUL_character_in_a_query_value_is_a_400_naming_the_parameter(string path)
    {
        using var admin = Admin();
        using var response = await admin.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("NUL", await response.Content.ReadAsStringAsync());
    }

    private static DateTime Soon => DateTime.UtcNow.AddSeconds(20);

    [Fact]
    public async Task A_NUL_character_in_a_gRPC_text_field_is_INVALID_ARGUMENT_naming_the_field()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Gateway.GrpcAddress);
        var labour = new Labour.LabourMarket.LabourMarketClient(channel);
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            labour.GetChangesAsync(new Labour.GetChangesRequest { Indicator = "registered_unemployed\0" }, deadline: Soon).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(ex.FieldViolations(), v => v.Field == "indicator");
    }

    [Fact]
    public async Task A_page_far_past_the_end_of_the_units_is_empty_not_a_crash()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Gateway.GrpcAddress);
        var page = await new Labour.LabourMarket.LabourMarketClient(channel).ListUnitsAsync(
            new Labour.ListUnitsRequest { Page = int.MaxValue, PageSize = 100 }, deadline: Soon);
        Assert.Empty(page.Units);
    }

    // The attacker's probes (issue 18): (page − 1) × pageSize overflowed into a negative OFFSET and a 500 / UNKNOWN.
    [Theory]
    [InlineData("api/v1/zones?page=10737420&pageSize=200")]
    [InlineData("api/v1/catalogue/strategies?page=42949674")]
    [InlineData("api/v1/reports?page=2147483647")]
    [InlineData("api/v1/catalogue/strategies?page=2147483647&pageSize=500")]
    public async Task A_page_number_whose_offset_would_overflow_is_a_400_naming_the_page(string path)
    {
        using var admin = Admin();
        using var response = await admin.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {body}");
        Assert.Contains("\"page\"", body);
    }

    [Fact]
    public async Task A_gRPC_list_with_an_overflowing_page_is_INVALID_ARGUMENT_naming_the_page()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Gateway.GrpcAddress);
        var admin = new Metadata { { "authorization", "Bearer " + fixture.PersonToken(PlatformRoles.Admin, "") } };
        var calls = new Func<Task>[]
        {
            () => new CataloguePb.CatalogueService.CatalogueServiceClient(channel).ListStrategiesAsync(new CataloguePb.ListStrategiesRequest { Page = int.MaxValue, PageSize = 500 }, admin, Soon).ResponseAsync,
            () => new ZonesPb.Zones.ZonesClient(channel).SearchZonesAsync(new ZonesPb.SearchZonesRequest { Page = 10737420, PageSize = 200 }, admin, Soon).ResponseAsync,
            () => new ReportingPb.ReportingService.ReportingServiceClient(channel).ListReportsAsync(new ReportingPb.ListReportsRequest { Page = int.MaxValue }, admin, Soon).ResponseAsync,
        };
        foreach (var call in calls)
        {
            var ex = await Assert.ThrowsAsync<RpcException>(call);
            Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
            Assert.Contains(ex.FieldViolations(), v => v.Field == "page");
        }
    }

    [Fact]
    public async Task A_zone_search_with_a_number_beyond_any_area_finds_nothing_instead_of_failing()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Gateway.GrpcAddress);
        var found = await new ZonesPb.Zones.ZonesClient(channel).SearchZonesAsync(
            new ZonesPb.SearchZonesRequest { MinAvailableHa = 1e300 }, deadline: Soon);
        Assert.Equal(0, found.Total);
    }

    [Fact]
    public async Task A_gRPC_call_in_a_foreign_content_type_keeps_the_services_415_through_the_gateway()
    {
        using var http = new HttpClient { BaseAddress = fixture.Gateway.GrpcAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "platform.labour.v1.LabourMarket/ListUnits")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(new byte[64 * 1024]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }
}
