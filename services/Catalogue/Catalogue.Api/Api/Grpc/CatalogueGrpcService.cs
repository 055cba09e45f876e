using Catalogue.Api.Application;
using Catalogue.Api.Import;
using Grpc.Core;
using Proto = Platform.Contracts.Catalogue.V1;

namespace Catalogue.Api.Api.Grpc;

/// <summary>
/// platform.catalogue.v1.CatalogueService: a thin shell over the same use cases REST calls. Their
/// errors become statuses in ApplicationErrorInterceptor: INVALID_ARGUMENT with a field violation
/// per offending field or row, ABORTED with the current version (ErrorInfo VERSION_CONFLICT), NOT_FOUND.
/// </summary>
public sealed class CatalogueGrpcService(
    StrategyCommands strategies, MonitoringCommands monitoring, StrategyImport import, CatalogueQueries queries)
    : Proto.CatalogueService.CatalogueServiceBase
{
    public override async Task<Proto.ListStrategiesResponse> ListStrategies(Proto.ListStrategiesRequest r, ServerCallContext c)
    {
        var page = await queries.ListStrategiesAsync(r.Page == 0 ? 1 : r.Page, r.PageSize == 0 ? 50 : r.PageSize,
            r.Territory.Length == 0 ? null : r.Territory, c.CancellationToken, r.Archived);
        return new Proto.ListStrategiesResponse { Items = { page.Items.Select(GrpcMappers.ToProto) }, Page = page.Page, PageSize = page.PageSize, Total = page.Total };
    }

    public override async Task<Proto.Strategy> GetStrategy(Proto.GetStrategyRequest r, ServerCallContext c) =>
        (await queries.GetStrategyAsync(Identifiers.Parse(r.Id, "id"), r.HasYear ? r.Year : null, r.HasYearFrom ? r.YearFrom : null,
            r.HasYearTo ? r.YearTo : null, c.CancellationToken)).ToProto();

    public override async Task<Proto.Strategy> CreateStrategy(Proto.CreateStrategyRequest r, ServerCallContext c) =>
        (await strategies.CreateStrategyAsync(r.ToCommand(), c.CancellationToken)).ToProto();

    public override async Task<Proto.Strategy> ArchiveStrategy(Proto.ArchiveStrategyRequest r, ServerCallContext c) =>
        (await strategies.ArchiveStrategyAsync(Identifiers.Parse(r.Id, "id"), r.ExpectedVersion, c.CancellationToken)).ToProto();

    public override async Task<Proto.Strategy> RestoreStrategy(Proto.RestoreStrategyRequest r, ServerCallContext c) =>
        (await strategies.RestoreStrategyAsync(Identifiers.Parse(r.Id, "id"), c.CancellationToken)).ToProto();

    public override async Task<Proto.Strategy> UpdateStrategy(Proto.UpdateStrategyRequest r, ServerCallContext c) =>
        (await strategies.UpdateStrategyAsync(Identifiers.Parse(r.Id, "id"), r.ToCommand(), c.CancellationToken)).ToProto();

    public override async Task<Proto.Node> CreateNode(Proto.CreateNodeRequest r, ServerCallContext c) =>
        (await strategies.CreateNodeAsync(Identifiers.Parse(r.StrategyId, "strategyId"), r.ToCommand(), c.CancellationToken)).ToProto();

    public override async Task<Proto.Node> UpdateNode(Proto.UpdateNodeRequest r, ServerCallContext c) =>
        (await strategies.UpdateNodeAsync(Identifiers.Parse(r.Id, "id"), r.ToCommand(), c.CancellationToken)).ToProto();

    public override async Task<Proto.ImportReport> ImportStrategy(Proto.ImportStrategyRequest r, ServerCallContext c)
    {
        using var body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(r.ContentCase == Proto.ImportStrategyRequest.ContentOneofCase.Csv ? r.Csv : r.Json));
        var doc = r.ContentCase switch
        {
            Proto.ImportStrategyRequest.ContentOneofCase.Json => await JsonStrategyReader.ReadAsync(body, c.CancellationToken),
            Proto.ImportStrategyRequest.ContentOneofCase.Csv => await CsvStrategyReader.ReadAsync(body, c.CancellationToken),
            _ => throw ValidationFailedException.Single("content", "Podaj json albo csv."),
        };
        return (await import.ImportAsync(doc, c.CancellationToken)).ToProto();
    }

    public override async Task<Proto.ListDirectionsResponse> ListDirections(Proto.ListDirectionsRequest r, ServerCallContext c) =>
        (await queries.ListDirectionsAsync(Identifiers.Parse(r.StrategyId, "strategyId"), r.ToFilter(), c.CancellationToken)).ToProto();

    public override async Task<Proto.ListDirectionsResponse> ListMissingEntries(Proto.ListMissingEntriesRequest r, ServerCallContext c) =>
        (await queries.MissingEntriesAsync(Identifiers.Parse(r.StrategyId, "strategyId"), r.HasYear ? r.Year : null, r.HasYearFrom ? r.YearFrom : null,
            r.HasYearTo ? r.YearTo : null, r.Page == 0 ? 1 : r.Page, r.PageSize == 0 ? 100 : r.PageSize, c.CancellationToken)).ToProto();

    public override async Task<Proto.MonitoringEntry> WithdrawEntry(Proto.WithdrawEntryRequest r, ServerCallContext c) =>
        (await monitoring.WithdrawEntryAsync(Identifiers.Parse(r.DirectionId, "directionId"), r.ToCommand(), c.CancellationToken)).ToProto();

    public override async Task<Proto.MonitoringEntry> RecordEntry(Proto.RecordEntryRequest r, ServerCallContext c) =>
        (await monitoring.RecordEntryAsync(Identifiers.Parse(r.DirectionId, "directionId"), r.ToCommand(), c.CancellationToken)).ToProto();

    public override async Task<Proto.GetDirectionHistoryResponse> GetDirectionHistory(Proto.GetDirectionHistoryRequest r, ServerCallContext c) =>
        new Proto.GetDirectionHistoryResponse
        {
            Entries = { (await queries.HistoryAsync(Identifiers.Parse(r.DirectionId, "directionId"), r.HasYear ? r.Year : null, c.CancellationToken)).Select(GrpcMappers.ToProto) },
        };
}
