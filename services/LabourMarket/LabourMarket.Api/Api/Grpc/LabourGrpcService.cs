using System.Runtime.CompilerServices;
using Grpc.Core;
using LabourMarket.Api.Application;
using Platform.Contracts.Labour.V1;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Grpc;
using Platform.ServiceDefaults.Identity;
using Platform.ServiceDefaults.Validation;
// An alias: inside LabourMarket.Api the name LabourMarket is this service's root namespace.
using LabourMarketService = Platform.Contracts.Labour.V1.LabourMarket;

namespace LabourMarket.Api.Api.Grpc;

/// <summary>platform.labour.v1.LabourMarket: adapts messages to the use cases, nothing more.</summary>
public sealed class LabourGrpcService(SubmitObservations submit, LabourQueries queries, ObservationExport export)
    : LabourMarketService.LabourMarketBase
{
    // The row rules refuse NUL in every field and name each bad row by its number in the clerk's file.
    [ChecksOwnText]
    public override async Task<SubmitObservationsResponse> SubmitObservations(IAsyncStreamReader<SubmitObservationsRequest> requestStream, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        if (!await requestStream.MoveNext(ct)) throw ValidationFailedException.Single("batch_id", "Pusty strumień: brak identyfikatora paczki.");
        var first = requestStream.Current;
        var caller = CallerContext.ForSubmission(PlatformCaller.From(context.User));
        var result = await submit.SubmitAsync(first.BatchId, first.Source, Rows(first, requestStream, ct), caller, ct);
        var response = LabourMessages.ToMessage(result);
        return result.Outcome switch
        {
            SubmissionOutcome.Rejected => throw GrpcErrors.Rejected(result, response),
            SubmissionOutcome.OutsideTerritory => throw GrpcErrors.OutsideTerritory(result, response),
            _ => response,
        };
    }

    // Chunk by chunk: only the message being read is in memory.
    private static async IAsyncEnumerable<SubmissionRow> Rows(SubmitObservationsRequest first, IAsyncStreamReader<SubmitObservationsRequest> stream,
        [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var row in first.Rows) yield return LabourMessages.ToRow(row);
        while (await stream.MoveNext(ct))
            foreach (var row in stream.Current.Rows) yield return LabourMessages.ToRow(row);
    }

    public override async Task<SeriesResponse> GetSeries(GetSeriesRequest r, ServerCallContext c) =>
        LabourMessages.ToMessage(await queries.SeriesAsync(r.Indicator, r.Unit, r.From, r.To, r.Breakdown, r.AsOf, c.CancellationToken));

    public override async Task<LatestResponse> GetLatest(GetLatestRequest r, ServerCallContext c) =>
        LabourMessages.ToMessage(await queries.LatestAsync(r.Indicator, r.Unit, r.Breakdown, r.Frequency, r.AsOf, c.CancellationToken));

    public override async Task<CompareUnitsResponse> CompareUnits(CompareUnitsRequest r, ServerCallContext c) =>
        LabourMessages.ToMessage(await queries.CompareAsync(r.Indicator, r.Period, r.Units, r.Parent, r.Breakdown, r.AsOf, c.CancellationToken));

    public override async Task<ChangesResponse> GetChanges(GetChangesRequest r, ServerCallContext c) =>
        LabourMessages.ToMessage(await queries.ChangesAsync(r.Indicator, r.Unit, r.Base, r.To, r.Breakdown, r.AsOf, c.CancellationToken));

    public override async Task<SharesResponse> GetShares(GetSharesRequest r, ServerCallContext c) =>
        LabourMessages.ToMessage(await queries.SharesAsync(r.Unit, r.Period, r.AsOf, c.CancellationToken));

    public override async Task<ListUnitsResponse> ListUnits(ListUnitsRequest r, ServerCallContext c) =>
        LabourMessages.ToMessage(await queries.UnitsAsync(r.Parent, r.Page, r.PageSize, c.CancellationToken));

    public override async Task<ListIndicatorsResponse> ListIndicators(ListIndicatorsRequest r, ServerCallContext c) =>
        LabourMessages.ToMessage(await queries.IndicatorsAsync(c.CancellationToken));

    // Page by page from the database to the wire: only one page is ever in memory.
    public override async Task ExportObservations(ExportObservationsRequest r, IServerStreamWriter<ExportObservationsResponse> responseStream, ServerCallContext c)
    {
        var pages = export.ExportAsync(r.BatchId, r.AfterId, r.PageSize, PlatformCaller.From(c.User), c.CancellationToken);
        await foreach (var page in pages.WithCancellation(c.CancellationToken))
            await responseStream.WriteAsync(LabourMessages.ToMessage(page), c.CancellationToken);
    }
}
