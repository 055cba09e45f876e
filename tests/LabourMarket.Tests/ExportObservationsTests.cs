using Grpc.Core;
using Platform.Contracts.Labour.V1;
using Platform.ServiceDefaults.Grpc;
using Platform.ServiceDefaults.Identity;
using Platform.Testing;
using static LabourMarket.Tests.LabourClient;

namespace LabourMarket.Tests;

/// <summary>
/// ExportObservations: every stored revision with its batch, received and superseded times, filtered by
/// batch, resumable after an id, streamed in pages; only for analysts, admins and platform services.
/// </summary>
public sealed class ExportObservationsTests(LabourMarketFixture fixture) : IClassFixture<LabourMarketFixture>
{
    [Fact]
    public async Task Exports_one_batch_with_every_revision_in_pages_and_resumes_after_a_cursor()
    {
        await fixture.Channel.SubmitAsync("eksport-1",
        [
            Row("registered_unemployed", "1203022", "2021", 180), Row("registered_unemployed", "1203022", "2022", 171),
            Row("unemployment_rate", "1203", "2022", 5.3), Row("registered_unemployed", "1203022", "2023", 160),
        ]);
        await fixture.Channel.SubmitAsync("eksport-2", [Row("registered_unemployed", "1203022", "2022", 175), Row("inflow", "1203022", "2022", 12)]);

        // Batch 1 only, two rows a page: its four rows, exact values (5.3 not 5.29999…), the revised one marked superseded.
        var pages = await ReadAsync(new ExportObservationsRequest { BatchId = "eksport-1", PageSize = 2 }, As(PlatformRoles.Analyst, "1203"));
        Assert.Equal([2, 2], pages.Select(p => p.Observations.Count).ToArray());
        var first = pages.SelectMany(p => p.Observations).ToList();
        Assert.All(first, o => Assert.Equal("eksport-1", o.BatchId));
        Assert.Equal(first.Select(o => o.Id).Order().ToArray(), first.Select(o => o.Id).ToArray());
        Assert.Equal("5.3", first.Single(o => o.Indicator == "unemployment_rate").Value);
        var old2022 = first.Single(o => o.Period == "2022" && o.Indicator == "registered_unemployed");
        Assert.Equal(("171", 1), (old2022.Value, old2022.Revision));
        Assert.NotEmpty(old2022.SupersededAt);
        Assert.All(first.Where(o => o != old2022), o => Assert.Empty(o.SupersededAt));

        // Batch 2: the revision, superseding exactly when it was received.
        var second = (await ReadAsync(new ExportObservationsRequest { BatchId = "eksport-2" }, As(PlatformRoles.Admin, ""))).SelectMany(p => p.Observations).ToList();
        var new2022 = second.Single(o => o.Indicator == "registered_unemployed");
        Assert.Equal(("175", 2), (new2022.Value, new2022.Revision));
        Assert.Equal(old2022.SupersededAt, new2022.ReceivedAt);

        // Resume after the second row of batch 1: only the two after it.
        var resumed = (await ReadAsync(new ExportObservationsRequest { BatchId = "eksport-1", AfterId = first[1].Id }, As(PlatformRoles.Analyst, "1203")))
            .SelectMany(p => p.Observations).Select(o => o.Id).ToArray();
        Assert.Equal(first.Skip(2).Select(o => o.Id).ToArray(), resumed);

        // No filter: both batches (and whatever else this class stored), in id order; an unknown batch: an empty stream.
        var all = (await ReadAsync(new ExportObservationsRequest(), As(PlatformRoles.Analyst, ""))).SelectMany(p => p.Observations).ToList();
        Assert.Superset(first.Concat(second).Select(o => o.Id).ToHashSet(), all.Select(o => o.Id).ToHashSet());
        Assert.Equal(all.Select(o => o.Id).Order().ToArray(), all.Select(o => o.Id).ToArray());
        Assert.Empty(await ReadAsync(new ExportObservationsRequest { BatchId = "nie-ma-takiej" }, As(PlatformRoles.Analyst, "")));
    }

    [Fact]
    public async Task Only_analysts_admins_and_platform_services_may_export()
    {
        await fixture.Channel.SubmitAsync("eksport-uprawnienia", [Row("outflow", "1203053", "2022", 40)]);
        var request = new ExportObservationsRequest { BatchId = "eksport-uprawnienia" };

        var anonymous = await Assert.ThrowsAsync<RpcException>(() => ReadAsync(request, null));
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
        var planner = await Assert.ThrowsAsync<RpcException>(() => ReadAsync(request, As(PlatformRoles.Planner, "1203")));
        Assert.Equal(StatusCode.PermissionDenied, planner.StatusCode);
        var pup = await Assert.ThrowsAsync<RpcException>(() => ReadAsync(request, As(PlatformRoles.LabourOffice, "1203")));
        Assert.Equal(StatusCode.PermissionDenied, pup.StatusCode);

        // A service's own identity, as reporting mints it with the internal key.
        var service = TestIdentity.ServiceHeaders("reporting");
        Assert.Single((await ReadAsync(request, service)).SelectMany(p => p.Observations));
        Assert.Single((await ReadAsync(request, As(PlatformRoles.Analyst, "1203"))).SelectMany(p => p.Observations));
    }

    [Fact]
    public async Task Bad_arguments_are_named_in_field_violations()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => ReadAsync(
            new ExportObservationsRequest { AfterId = -1, PageSize = 50_000, BatchId = new string('x', 101) }, As(PlatformRoles.Admin, "")));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal(["after_id", "batch_id", "page_size"], e.FieldViolations().Select(v => v.Field).Order().ToArray());
    }

    private async Task<List<ExportObservationsResponse>> ReadAsync(ExportObservationsRequest request, Metadata? headers)
    {
        using var call = fixture.Channel.Labour().ExportObservations(request, headers, Deadline);
        var pages = new List<ExportObservationsResponse>();
        while (await call.ResponseStream.MoveNext()) pages.Add(call.ResponseStream.Current);
        return pages;
    }
}
