using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Contracts.Labour.V1;
using LabourMarket.Api.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Grpc;
using Platform.ServiceDefaults.Identity;
using static LabourMarket.Tests.LabourClient;

namespace LabourMarket.Tests;

/// <summary>The feed through the real gateway: who may submit what is decided by the office's API key.</summary>
public sealed class GatewayFeedTests(LabourMarketFixture fixture) : IClassFixture<LabourMarketFixture>
{
    private static string NewBatchId() => "gw-" + Guid.NewGuid().ToString("N");

    private static Metadata Key(string key) => new() { { "x-api-key", key } };

    private async Task<int> CountRowsAsync(string batchId)
    {
        await using var scope = fixture.Host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LabourMarketDbContext>();
        return await db.Observations.CountAsync(o => o.BatchId == batchId);
    }

    [Fact]
    public async Task PUP_Chrzanow_submits_for_its_county_through_the_gateway()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Gateway.GrpcAddress);
        var batchId = NewBatchId();
        var answer = await channel.SubmitAsync(batchId, [Row("inflow", "1203033", "2006-01", 41), Row("inflow", "1203", "2006-01", 120)],
            headers: Key(fixture.PupChrzanowKey));
        Assert.Equal(2, answer.Accepted);
        Assert.Equal(2, await CountRowsAsync(batchId));
    }

    [Fact]
    public async Task Without_a_key_the_gateway_passes_no_identity_and_the_service_refuses()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Gateway.GrpcAddress);
        var batchId = NewBatchId();
        var error = await Assert.ThrowsAsync<RpcException>(() => channel.SubmitAsync(batchId, [Row("inflow", "1203033", "2006-02", 40)], headers: new Metadata()));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal(0, await CountRowsAsync(batchId));
    }

    [Fact]
    public async Task The_Chrzanow_key_writing_Krakow_is_refused_as_outside_its_territory_and_nothing_is_written()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Gateway.GrpcAddress);
        var batchId = NewBatchId();
        var error = await Assert.ThrowsAsync<RpcException>(() => channel.SubmitAsync(batchId,
            [Row("inflow", "1203033", "2006-03", 40), Row("inflow", "1261011", "2006-03", 9000)], headers: Key(fixture.PupChrzanowKey)));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("1261011 (gmina Kraków)", error.Status.Detail);
        Assert.Contains("poza obszarem klucza 1203", error.Status.Detail);
        Assert.Equal("OUTSIDE_TERRITORY", error.Detail<Google.Rpc.ErrorInfo>()?.Reason);
        Assert.Equal(0, await CountRowsAsync(batchId));

        // REST through the gateway: 403 with the same reason, nothing written either.
        using var http = new HttpClient { BaseAddress = fixture.Gateway.HttpAddress };
        http.DefaultRequestHeaders.Add("x-api-key", fixture.PupChrzanowKey);
        var restBatch = NewBatchId();
        using var response = await http.PostAsJsonAsync("api/v1/labour/observations", new
        {
            batchId = restBatch, source = "test",
            rows = new object[] { new { indicator = "inflow", unit = "1261011", period = "2006-03", value = 9000 } },
        });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("1261011 (gmina Kraków)", problem.GetProperty("detail").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("rows[1].unit", out _));
        Assert.Equal(0, await CountRowsAsync(restBatch));
    }

    [Fact]
    public async Task A_key_for_powiat_krakowski_feeds_Skawina_and_the_figures_are_in_the_series()
    {
        var key = await fixture.CreateKeyAsync(PlatformRoles.LabourOffice, "1206");
        using var channel = GrpcChannel.ForAddress(fixture.Gateway.GrpcAddress);
        var batchId = NewBatchId();
        var answer = await channel.SubmitAsync(batchId,
            [Row("registered_unemployed", "1206113", "2023-11", 412), Row("registered_unemployed", "1206113", "2023-12", 398),
             Row("registered_unemployed", "1206114", "2023-12", 201)], // Skawina – miasto
            headers: Key(key));
        Assert.Equal(3, answer.Accepted);

        var series = await channel.Labour().GetSeriesAsync(new GetSeriesRequest
        {
            Indicator = "registered_unemployed", Unit = "1206113", From = "2023-11", To = "2023-12",
        }, headers: Key(key), deadline: Deadline);
        Assert.Equal([("2023-11", 412.0), ("2023-12", 398.0)], series.Points.Select(p => (p.Period, p.Value)));
        Assert.All(series.Points, p => Assert.Equal(batchId, p.BatchId));

        // The same key is refused for the neighbouring powiat (wielicki, 1219), known but outside its territory.
        var outside = await Assert.ThrowsAsync<RpcException>(() => channel.SubmitAsync(NewBatchId(),
            [Row("registered_unemployed", "1219043", "2023-12", 300)], headers: Key(key)));
        Assert.Equal(StatusCode.PermissionDenied, outside.StatusCode);
    }

    [Fact]
    public async Task An_expired_key_is_refused_at_the_gateway()
    {
        var expired = await fixture.CreateKeyAsync(PlatformRoles.LabourOffice, "1203", TimeSpan.FromSeconds(-1));
        using var channel = GrpcChannel.ForAddress(fixture.Gateway.GrpcAddress);
        var batchId = NewBatchId();
        var error = await Assert.ThrowsAsync<RpcException>(() => channel.SubmitAsync(batchId, [Row("inflow", "1203033", "2006-04", 40)], headers: Key(expired)));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("wygasł", error.Status.Detail);
        Assert.Equal(0, await CountRowsAsync(batchId));
    }
}
