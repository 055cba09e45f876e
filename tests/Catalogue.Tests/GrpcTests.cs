using Google.Rpc;
using Platform.Contracts.Catalogue.V1;
using Platform.Grpc;
using Platform.Grpc.Client;
using Platform.ServiceDefaults.Identity;
using Platform.Testing;

namespace Catalogue.Tests;

/// <summary>platform.catalogue.v1 over the h2c port: the same use cases as REST, with gRPC statuses for bad input and conflicts.</summary>
public sealed class GrpcTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Service = CatalogueReflection.Descriptor.Services[0];

    private Task<TResponse> CallAsync<TRequest, TResponse>(string method, TRequest request)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>
        where TResponse : class, Google.Protobuf.IMessage<TResponse>, new()
    {
        var channel = GrpcChannel.ForAddress(fixture.Host.GrpcAddress);
        return channel.UnaryAsync<TRequest, TResponse>(Service.FindMethodByName(method), request,
            new CallOptions().WithTimeout(TimeSpan.FromSeconds(30)) with
            {
                Headers = new Metadata().Add(InternalIdentityToken.HeaderName, TestIdentity.Token(PlatformRoles.Coordinator, "12", "koordynator@powiat.pl")),
            });
    }

    [Fact]
    public async Task Import_get_list_and_record_through_grpc()
    {
        var report = await CallAsync<ImportStrategyRequest, ImportReport>("ImportStrategy", new ImportStrategyRequest { Json = TestData.ChrzanowJson() });
        var document = TestData.ChrzanowDocument();
        Assert.Equal(document.GetProperty("directions").GetArrayLength(), report.NodeCounts["direction"]);
        Assert.Equal(document.GetProperty("operational_goals").GetArrayLength(), report.NodeCounts["operational_goal"]);
        Assert.Contains(report.Unmapped, u => u.DirectionCode == "I.4.6" && u.Value == "Opracowane Studium Techniczno Ekonomiczno Środowiskowe");

        var strategy = await CallAsync<GetStrategyRequest, Strategy>("GetStrategy",
            new GetStrategyRequest { Id = report.StrategyId, YearFrom = 2015, YearTo = 2023 });
        Assert.Equal(document.GetProperty("areas").GetArrayLength(), strategy.Tree.Count);
        Assert.Equal(document.GetProperty("directions").GetArrayLength(), strategy.Tree.Sum(a => a.Progress.Directions));
        Assert.Contains("I.4.13", strategy.EvaluationSummaryJson);

        var found = await CallAsync<ListDirectionsRequest, ListDirectionsResponse>("ListDirections",
            new ListDirectionsRequest { StrategyId = report.StrategyId, Q = "libiaz" });
        Assert.Equal("I.4.1", Assert.Single(found.Items).Code);
        Assert.Equal("REALIZACJA CZĘŚCIOWA przebudowy dróg", found.Items[0].Entry.StatusText);

        var direction = found.Items[0].Id;
        var entry = await CallAsync<RecordEntryRequest, MonitoringEntry>("RecordEntry", new RecordEntryRequest
        {
            DirectionId = direction, Year = 2023, Status = "partial", RecordedBy = "grpc", Conclusions = "Przebudowa odcinka",
        });
        Assert.Equal(1, entry.Version);
        var history = await CallAsync<GetDirectionHistoryRequest, GetDirectionHistoryResponse>("GetDirectionHistory",
            new GetDirectionHistoryRequest { DirectionId = direction });
        Assert.Equal(2, history.Entries.Count); // the imported evaluation and the new yearly entry
        var missing = await CallAsync<ListMissingEntriesRequest, ListDirectionsResponse>("ListMissingEntries",
            new ListMissingEntriesRequest { StrategyId = report.StrategyId, Year = 2023 });
        Assert.Equal(document.GetProperty("directions").GetArrayLength() - 1, missing.Total);

        // A stale expected version: ABORTED with the current version.
        var conflict = await Assert.ThrowsAsync<RpcException>(() => CallAsync<RecordEntryRequest, MonitoringEntry>("RecordEntry",
            new RecordEntryRequest { DirectionId = direction, Year = 2023, Status = "completed", RecordedBy = "grpc", ExpectedVersion = 0 }));
        Assert.Equal(StatusCode.Aborted, conflict.StatusCode);
        var info = conflict.Details!.Details.Single(d => d.Is(ErrorInfo.Descriptor)).Unpack<ErrorInfo>();
        Assert.Equal("VERSION_CONFLICT", info.Reason);
        Assert.Equal("1", info.Metadata["current_version"]);
    }

    [Fact]
    public async Task Bad_input_is_invalid_argument_with_a_violation_per_field()
    {
        var strategy = await CallAsync<CreateStrategyRequest, Strategy>("CreateStrategy", new CreateStrategyRequest
        {
            Code = "grpc-2030", Name = "Strategia gRPC", Owner = new Owner { Kind = "gmina", Units = { "1203043" }, Name = "Gmina Libiąż" },
            PeriodFrom = 2021, PeriodTo = 2030,
        });
        var goal = await CallAsync<CreateNodeRequest, Node>("CreateNode", new CreateNodeRequest
        {
            StrategyId = strategy.Id, Kind = "operational_goal", Code = "4.2", Title = "Cel 4.2",
        });

        var bad = await Assert.ThrowsAsync<RpcException>(() => CallAsync<CreateNodeRequest, Node>("CreateNode", new CreateNodeRequest
        {
            StrategyId = strategy.Id, ParentId = goal.Id, Kind = "direction", Code = "5.1.1", Title = "", Weight = -2,
        }));
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Equal(["code", "title", "weight"], bad.FieldViolations.Select(v => v.Field).Order().ToArray());

        var unknownParent = await Assert.ThrowsAsync<RpcException>(() => CallAsync<CreateNodeRequest, Node>("CreateNode", new CreateNodeRequest
        {
            StrategyId = strategy.Id, ParentId = Guid.NewGuid().ToString(), Kind = "direction", Code = "4.2.1", Title = "x",
        }));
        Assert.Equal("parent_id", Assert.Single(unknownParent.FieldViolations).Field);

        var header = await Assert.ThrowsAsync<RpcException>(() => CallAsync<CreateStrategyRequest, Strategy>("CreateStrategy", new CreateStrategyRequest
        {
            Name = "x", Owner = new Owner { Kind = "gmina", Units = { "1203043" }, Name = "x" }, PeriodFrom = 2030, PeriodTo = 2020,
        }));
        Assert.Contains(header.FieldViolations, v => v.Field == "period_to");

        var csv = await Assert.ThrowsAsync<RpcException>(() => CallAsync<ImportStrategyRequest, ImportReport>("ImportStrategy",
            new ImportStrategyRequest { Csv = "kind;code;title\ndirection;1.1;\n" }));
        Assert.Equal(StatusCode.InvalidArgument, csv.StatusCode);
        Assert.Contains(csv.FieldViolations, v => v.Field == "rows[1].title");

        var badId = await Assert.ThrowsAsync<RpcException>(() => CallAsync<GetStrategyRequest, Strategy>("GetStrategy", new GetStrategyRequest { Id = "nope" }));
        Assert.Equal("id", Assert.Single(badId.FieldViolations).Field);
        var notFound = await Assert.ThrowsAsync<RpcException>(() => CallAsync<GetStrategyRequest, Strategy>("GetStrategy",
            new GetStrategyRequest { Id = Guid.NewGuid().ToString() }));
        Assert.Equal(StatusCode.NotFound, notFound.StatusCode);
    }
}
