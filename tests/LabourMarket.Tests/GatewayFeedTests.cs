using Grpc.Core;
using Grpc.Net.Client;
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
    public async Task The_Chrzanow_key_cannot_submit_figures_outside_powiat_1203_and_nothing_is_written()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Gateway.GrpcAddress);
        var batchId = NewBatchId();
        var error = await Assert.ThrowsAsync<RpcException>(() => channel.SubmitAsync(batchId,
            [Row("inflow", "1203033", "2006-03", 40), Row("inflow", "12", "2006-03", 9000)], headers: Key(fixture.PupChrzanowKey)));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("rows[2].unit", Assert.Single(error.FieldViolations()).Field);
        Assert.Equal(0, await CountRowsAsync(batchId));
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
