using Google.Rpc;
using Grpc.Core;
using Platform.Contracts.Catalogue.V1;
using Platform.ServiceDefaults.Grpc;
using Platform.ServiceDefaults.Identity;
using Platform.Testing;

namespace Catalogue.Tests;

/// <summary>platform.catalogue.v1 over the h2c port: the same use cases as REST, with gRPC statuses for bad input and conflicts.</summary>
public sealed class GrpcTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    private readonly CatalogueService.CatalogueServiceClient _client = new(fixture.Host.Channel);

    // A voivodeship-wide coordinator (territory 12: every strategy here), as the gateway would pass them.
    private static Metadata Coordinator => TestIdentity.Headers(PlatformRoles.Coordinator, "12", "koordynator@powiat.pl");

    private static DateTime Deadline => DateTime.UtcNow.AddSeconds(30);

    [Fact]
    public async Task Import_get_list_and_record_through_grpc()
    {
        var report = await _client.ImportStrategyAsync(new ImportStrategyRequest { Json = TestData.ChrzanowJson() }, Coordinator, Deadline);
        var document = TestData.ChrzanowDocument();
        Assert.Equal(document.GetProperty("directions").GetArrayLength(), report.NodeCounts["direction"]);
        Assert.Equal(document.GetProperty("operational_goals").GetArrayLength(), report.NodeCounts["operational_goal"]);
        Assert.Contains(report.Unmapped, u => u.DirectionCode == "I.4.6" && u.Value == "Opracowane Studium Techniczno Ekonomiczno Środowiskowe");

        var strategy = await _client.GetStrategyAsync(
            new GetStrategyRequest { Id = report.StrategyId, YearFrom = 2015, YearTo = 2023 }, Coordinator, Deadline);
        Assert.Equal(document.GetProperty("areas").GetArrayLength(), strategy.Tree.Count);
        Assert.Equal(document.GetProperty("directions").GetArrayLength(), strategy.Tree.Sum(a => a.Progress.Directions));
        Assert.Contains("I.4.13", strategy.EvaluationSummaryJson);

        var found = await _client.ListDirectionsAsync(
            new ListDirectionsRequest { StrategyId = report.StrategyId, Q = "libiaz" }, Coordinator, Deadline);
        Assert.Equal("I.4.1", Assert.Single(found.Items).Code);
        Assert.Equal("REALIZACJA CZĘŚCIOWA przebudowy dróg", found.Items[0].Entry.StatusText);

        var direction = found.Items[0].Id;
        var entry = await _client.RecordEntryAsync(new RecordEntryRequest
        {
            DirectionId = direction, Year = 2023, Status = "partial", RecordedBy = "grpc", Conclusions = "Przebudowa odcinka",
        }, Coordinator, Deadline);
        Assert.Equal(1, entry.Version);
        var history = await _client.GetDirectionHistoryAsync(new GetDirectionHistoryRequest { DirectionId = direction }, Coordinator, Deadline);
        Assert.Equal(2, history.Entries.Count); // the imported evaluation and the new yearly entry
        var missing = await _client.ListMissingEntriesAsync(
            new ListMissingEntriesRequest { StrategyId = report.StrategyId, Year = 2023 }, Coordinator, Deadline);
        Assert.Equal(document.GetProperty("directions").GetArrayLength() - 1, missing.Total);

        // A stale expected version: ABORTED with the current version.
        var conflict = await Assert.ThrowsAsync<RpcException>(async () => await _client.RecordEntryAsync(
            new RecordEntryRequest { DirectionId = direction, Year = 2023, Status = "completed", RecordedBy = "grpc", ExpectedVersion = 0 },
            Coordinator, Deadline));
        Assert.Equal(StatusCode.Aborted, conflict.StatusCode);
        var info = conflict.Detail<ErrorInfo>();
        Assert.NotNull(info);
        Assert.Equal("VERSION_CONFLICT", info.Reason);
        Assert.Equal("1", info.Metadata["current_version"]);
    }

    [Fact]
    public async Task Bad_input_is_invalid_argument_with_a_violation_per_field()
    {
        var strategy = await _client.CreateStrategyAsync(new CreateStrategyRequest
        {
            Code = "grpc-2030", Name = "Strategia gRPC", Owner = new Owner { Kind = "gmina", Units = { "1203043" }, Name = "Gmina Libiąż" },
            PeriodFrom = 2021, PeriodTo = 2030,
        }, Coordinator, Deadline);
        var goal = await _client.CreateNodeAsync(new CreateNodeRequest
        {
            StrategyId = strategy.Id, Kind = "operational_goal", Code = "4.2", Title = "Cel 4.2",
        }, Coordinator, Deadline);

        var bad = await Assert.ThrowsAsync<RpcException>(async () => await _client.CreateNodeAsync(new CreateNodeRequest
        {
            StrategyId = strategy.Id, ParentId = goal.Id, Kind = "direction", Code = "5.1.1", Title = "", Weight = -2,
        }, Coordinator, Deadline));
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Equal("Niepoprawne dane; nic nie zostało zapisane.", bad.Status.Detail);
        Assert.Equal(["code", "title", "weight"], bad.FieldViolations().Select(v => v.Field).Order().ToArray());

        var unknownParent = await Assert.ThrowsAsync<RpcException>(async () => await _client.CreateNodeAsync(new CreateNodeRequest
        {
            StrategyId = strategy.Id, ParentId = Guid.NewGuid().ToString(), Kind = "direction", Code = "4.2.1", Title = "x",
        }, Coordinator, Deadline));
        Assert.Equal("parent_id", Assert.Single(unknownParent.FieldViolations()).Field);

        var header = await Assert.ThrowsAsync<RpcException>(async () => await _client.CreateStrategyAsync(new CreateStrategyRequest
        {
            Name = "x", Owner = new Owner { Kind = "gmina", Units = { "1203043" }, Name = "x" }, PeriodFrom = 2030, PeriodTo = 2020,
        }, Coordinator, Deadline));
        Assert.Contains(header.FieldViolations(), v => v.Field == "period_to");

        var csv = await Assert.ThrowsAsync<RpcException>(async () => await _client.ImportStrategyAsync(
            new ImportStrategyRequest { Csv = "kind;code;title\ndirection;1.1;\n" }, Coordinator, Deadline));
        Assert.Equal(StatusCode.InvalidArgument, csv.StatusCode);
        Assert.Contains(csv.FieldViolations(), v => v.Field == "rows[1].title");

        // The use case's "node" is the proto's node_id (the service's own rename).
        var filter = await Assert.ThrowsAsync<RpcException>(async () => await _client.ListDirectionsAsync(
            new ListDirectionsRequest { StrategyId = strategy.Id, NodeId = Guid.NewGuid().ToString(), Status = "maybe" }, Coordinator, Deadline));
        Assert.Equal(StatusCode.InvalidArgument, filter.StatusCode);
        Assert.Equal(["node_id", "status"], filter.FieldViolations().Select(v => v.Field).Order().ToArray());

        var badId = await Assert.ThrowsAsync<RpcException>(async () => await _client.GetStrategyAsync(
            new GetStrategyRequest { Id = "nope" }, Coordinator, Deadline));
        Assert.Equal("id", Assert.Single(badId.FieldViolations()).Field);
        var notFound = await Assert.ThrowsAsync<RpcException>(async () => await _client.GetStrategyAsync(
            new GetStrategyRequest { Id = Guid.NewGuid().ToString() }, Coordinator, Deadline));
        Assert.Equal(StatusCode.NotFound, notFound.StatusCode);
    }
}
