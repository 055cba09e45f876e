using Platform.ServiceDefaults.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Events.Catalogue.V1;
using Reporting.Api.Persistence;
using Grpc.Core;
using Platform.ServiceDefaults.Grpc;
using Platform.Testing;
using Proto = Platform.Contracts.Reporting.V1;

namespace Reporting.Tests;

/// <summary>The gRPC face of the same jobs: start, watch progress as a server stream, download; field violations.</summary>
public sealed class GrpcTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    private readonly Proto.ReportingService.ReportingServiceClient _client = new(fixture.Host.Channel);

    private static Metadata Analyst => TestIdentity.Headers(PlatformRoles.Analyst, "1203", "analityk");

    private static DateTime Deadline => DateTime.UtcNow.AddSeconds(60);

    [Fact]
    public async Task Start_watch_and_download_over_grpc()
    {
        var strategyId = Guid.NewGuid();
        var client = new ReportClient(fixture);
        var area = Guid.NewGuid();
        var direction = Guid.NewGuid();
        await client.PublishAsync(new StrategyPublished(strategyId, "grpc", "Strategia gRPC – źródła ciepła", "gmina", ["1203053"], "Gmina Trzebinia",
            2020, 2025, null, null, null, "adopted", null, 1, TestData.Imported));
        await client.PublishAsync(new StrategyTreeChanged(strategyId, "grpc", 1,
            [TestData.Node(area, null, "area", "1", "Obszar 1", 1, false), TestData.Node(direction, area, "direction", "1.1", "Kierunek 1.1 – ciepło", 2, false)], TestData.Imported));
        await client.PublishAsync(new MonitoringEntryRecorded(Guid.NewGuid(), strategyId, direction, "1.1", 2022, 2022, 1, true, "continuous", "REALIZACJA CIĄGŁA",
            "Wymiana pieców", null, [], [], "test", TestData.Imported, TestData.Imported));

        await Eventually.AssertAsync(async () =>
        {
            await using var scope = fixture.Host.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
            return await db.Entries.AnyAsync(e => e.StrategyId == strategyId) && await db.Nodes.CountAsync(n => n.StrategyId == strategyId) == 2;
        }, TimeSpan.FromSeconds(30), "the tree and the entry to reach the read model");

        Proto.ReportJob job = null!;
        await Eventually.AssertAsync(async () =>
        {
            try
            {
                job = await _client.StartReportAsync(new Proto.StartReportRequest { Kind = "yearly-monitoring", StrategyId = strategyId.ToString(), Year = 2022 }, Analyst, Deadline);
                return true;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument) { return false; } // strategy not in the read model yet
        }, TimeSpan.FromSeconds(30), "the strategy to reach the read model");

        var seen = new List<Proto.ReportJob>();
        using (var call = _client.WatchReport(new Proto.GetReportRequest { Id = job.Id }, Analyst, Deadline))
            while (await call.ResponseStream.MoveNext()) seen.Add(call.ResponseStream.Current);
        Assert.Equal("succeeded", seen[^1].State);
        Assert.Equal(100, seen[^1].Progress);
        Assert.True(seen.Select(s => s.Progress).SequenceEqual(seen.Select(s => s.Progress).Order()), "progress only grows");
        Assert.Equal(["csv", "docx", "html", "pdf", "xlsx"], seen[^1].Artifacts.Select(a => a.Format).ToArray());

        // A draft: the public does not get its files; the analyst does.
        var hidden = await Assert.ThrowsAsync<RpcException>(() => _client.GetArtifactAsync(new Proto.GetArtifactRequest { Id = job.Id, Format = "html" }, deadline: Deadline).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
        var html = await _client.GetArtifactAsync(new Proto.GetArtifactRequest { Id = job.Id, Format = "html" }, Analyst, Deadline);
        Assert.Contains("Wymiana pieców", html.Content.ToStringUtf8());
        Assert.Equal("raport-roczny-gmina-trzebinia-2022.html", html.Info.FileName); // named as an official files it, not raport-<uuid>

        // The analyst adds a foreword over gRPC: a new version, the files made again with it.
        Assert.False(seen[^1].Published);
        var edited = await _client.EditDraftAsync(new Proto.EditDraftRequest { Id = job.Id, Foreword = "Przedmowa przesłana przez gRPC.", ExpectedVersion = 0 }, Analyst, Deadline);
        Assert.Equal(1, edited.Version);
        Assert.Equal("Przedmowa przesłana przez gRPC.", edited.Foreword);
        Assert.False(edited.HasConclusions); // not given: the conclusions stay those derived from the data
        var stale = await Assert.ThrowsAsync<RpcException>(() =>
            _client.EditDraftAsync(new Proto.EditDraftRequest { Id = job.Id, Foreword = "Nadpisuję", ExpectedVersion = 0 }, Analyst, Deadline).ResponseAsync);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        using (var call = _client.WatchReport(new Proto.GetReportRequest { Id = job.Id }, Analyst, Deadline))
            while (await call.ResponseStream.MoveNext()) seen.Add(call.ResponseStream.Current);
        Assert.Equal("succeeded", seen[^1].State);
        html = await _client.GetArtifactAsync(new Proto.GetArtifactRequest { Id = job.Id, Format = "html" }, Analyst, Deadline);
        Assert.Contains("Przedmowa przesłana przez gRPC.", html.Content.ToStringUtf8());
        var edits = await _client.ListReportEditsAsync(new Proto.GetReportRequest { Id = job.Id }, Analyst, Deadline);
        Assert.Equal([1], edits.Edits.Select(e => e.Version).ToArray());
        Assert.Equal("analityk", edits.Edits[0].EditedBy);
        var noHistory = await Assert.ThrowsAsync<RpcException>(() => _client.ListReportEditsAsync(new Proto.GetReportRequest { Id = job.Id }, deadline: Deadline).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, noHistory.StatusCode);

        // A coordinator may not publish; the analyst does, and then the public gets the files and nobody may edit.
        var refused = await Assert.ThrowsAsync<RpcException>(() => _client.PublishReportAsync(new Proto.PublishReportRequest { Id = job.Id, ExpectedVersion = 1 },
            TestIdentity.Headers(PlatformRoles.Coordinator, "1203", "koordynator"), Deadline).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        var published = await _client.PublishReportAsync(new Proto.PublishReportRequest { Id = job.Id, ExpectedVersion = 1 }, Analyst, Deadline);
        Assert.True(published.Published);
        Assert.NotNull(published.PublishedAt);
        var open = await _client.GetArtifactAsync(new Proto.GetArtifactRequest { Id = job.Id, Format = "html" }, deadline: Deadline);
        Assert.Contains("Przedmowa przesłana przez gRPC.", open.Content.ToStringUtf8());
        var frozen = await Assert.ThrowsAsync<RpcException>(() =>
            _client.EditDraftAsync(new Proto.EditDraftRequest { Id = job.Id, Conclusions = "Po publikacji", ExpectedVersion = 1 }, Analyst, Deadline).ResponseAsync);
        Assert.Equal(StatusCode.Aborted, frozen.StatusCode);
        Assert.Contains("opublikowano", frozen.Status.Detail);
    }

    [Fact]
    public async Task Invalid_start_names_the_fields()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            _client.StartReportAsync(new Proto.StartReportRequest { Kind = "final-evaluation", StrategyId = Guid.NewGuid().ToString(), Year = 2020 }, Analyst, Deadline).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        var fields = e.FieldViolations().Select(v => v.Field).ToList();
        Assert.Contains("from", fields);
        Assert.Contains("to", fields);
        Assert.Contains("year", fields);
    }

    [Fact]
    public async Task A_bad_id_or_paging_is_named_in_the_proto_field_names()
    {
        var badId = await Assert.ThrowsAsync<RpcException>(() =>
            _client.StartReportAsync(new Proto.StartReportRequest { Kind = "final-evaluation", StrategyId = "not-a-uuid" }, Analyst, Deadline).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, badId.StatusCode);
        Assert.Contains("UUID", Assert.Single(badId.FieldViolations(), v => v.Field == "strategy_id").Description);

        var paging = await Assert.ThrowsAsync<RpcException>(() =>
            _client.ListReportsAsync(new Proto.ListReportsRequest { Page = -1, PageSize = 500 }, Analyst, Deadline).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, paging.StatusCode);
        Assert.Equal(["page", "page_size"], paging.FieldViolations().Select(v => v.Field).Order());
    }

    [Fact]
    public async Task An_unknown_report_is_not_found_in_polish()
    {
        var id = Guid.NewGuid();
        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            _client.GetReportAsync(new Proto.GetReportRequest { Id = id.ToString() }, Analyst, Deadline).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal($"Nie ma raportu {id}.", missing.Status.Detail);

        var noFile = await Assert.ThrowsAsync<RpcException>(() =>
            _client.GetArtifactAsync(new Proto.GetArtifactRequest { Id = id.ToString(), Format = "pdf" }, Analyst, Deadline).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, noFile.StatusCode);
        Assert.Contains("nie ma (jeszcze) pliku w formacie pdf", noFile.Status.Detail);
    }
}
