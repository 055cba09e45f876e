using Platform.ServiceDefaults.Identity;
using System.Runtime.CompilerServices;
using LabourMarket.Api.Application;
using Platform.Contracts.Labour.V1;
using Platform.Grpc;
using Platform.ServiceDefaults.Errors;

namespace LabourMarket.Api.Api.Grpc;

/// <summary>platform.labour.v1.LabourMarket: adapts messages to the use cases, nothing more.</summary>
public sealed class LabourGrpcService(SubmitObservations submit, LabourQueries queries, ObservationExport export) : IGrpcService<LabourGrpcService>
{
    public static Google.Protobuf.Reflection.ServiceDescriptor Descriptor => LabourReflection.Descriptor.Services[0];

    public static void Bind(ServiceBinder<LabourGrpcService> b) => b
        .ClientStreaming<SubmitObservationsRequest, SubmitObservationsResponse>("SubmitObservations", static (s, r, c) => s.Submit(r, c))
        .Unary<GetSeriesRequest, SeriesResponse>("GetSeries", static (s, r, c) => s.Series(r, c))
        .Unary<GetLatestRequest, LatestResponse>("GetLatest", static (s, r, c) => s.Latest(r, c))
        .Unary<CompareUnitsRequest, CompareUnitsResponse>("CompareUnits", static (s, r, c) => s.Compare(r, c))
        .Unary<GetChangesRequest, ChangesResponse>("GetChanges", static (s, r, c) => s.Changes(r, c))
        .Unary<GetSharesRequest, SharesResponse>("GetShares", static (s, r, c) => s.Shares(r, c))
        .Unary<ListUnitsRequest, ListUnitsResponse>("ListUnits", static (s, r, c) => s.Units(r, c))
        .Unary<ListIndicatorsRequest, ListIndicatorsResponse>("ListIndicators", static (s, r, c) => s.Indicators(c))
        .ServerStreaming<ExportObservationsRequest, ExportObservationsResponse>("ExportObservations", static (s, r, w, c) => s.Export(r, w, c));

    public async Task<SubmitObservationsResponse> Submit(IAsyncStreamReader<SubmitObservationsRequest> stream, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        if (!await stream.MoveNext(ct)) throw ValidationFailedException.Single("batch_id", "Pusty strumień: brak identyfikatora paczki.");
        var first = stream.Current;
        var caller = CallerContext.ForSubmission(PlatformCaller.From(context.User));
        var result = await submit.SubmitAsync(first.BatchId, first.Source, Rows(first, stream, ct), caller, ct);
        var response = LabourMessages.ToMessage(result);
        if (result.Outcome == SubmissionOutcome.Rejected) throw GrpcErrors.Rejected(result, response);
        return response;
    }

    // Chunk by chunk: only the message being read is in memory.
    private static async IAsyncEnumerable<SubmissionRow> Rows(SubmitObservationsRequest first, IAsyncStreamReader<SubmitObservationsRequest> stream,
        [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var row in first.Rows) yield return LabourMessages.ToRow(row);
        while (await stream.MoveNext(ct))
            foreach (var row in stream.Current.Rows) yield return LabourMessages.ToRow(row);
    }

    public async Task<SeriesResponse> Series(GetSeriesRequest r, ServerCallContext c) =>
        LabourMessages.ToMessage(await queries.SeriesAsync(r.Indicator, r.Unit, r.From, r.To, r.Breakdown, r.AsOf, c.CancellationToken));

    public async Task<LatestResponse> Latest(GetLatestRequest r, ServerCallContext c) =>
        LabourMessages.ToMessage(await queries.LatestAsync(r.Indicator, r.Unit, r.Breakdown, r.Frequency, r.AsOf, c.CancellationToken));

    public async Task<CompareUnitsResponse> Compare(CompareUnitsRequest r, ServerCallContext c) =>
        LabourMessages.ToMessage(await queries.CompareAsync(r.Indicator, r.Period, r.Units, r.Parent, r.Breakdown, r.AsOf, c.CancellationToken));

    public async Task<ChangesResponse> Changes(GetChangesRequest r, ServerCallContext c) =>
        LabourMessages.ToMessage(await queries.ChangesAsync(r.Indicator, r.Unit, r.Base, r.To, r.Breakdown, r.AsOf, c.CancellationToken));

    public async Task<SharesResponse> Shares(GetSharesRequest r, ServerCallContext c) =>
        LabourMessages.ToMessage(await queries.SharesAsync(r.Unit, r.Period, r.AsOf, c.CancellationToken));

    public async Task<ListUnitsResponse> Units(ListUnitsRequest r, ServerCallContext c) =>
        LabourMessages.ToMessage(await queries.UnitsAsync(r.Parent, r.Page, r.PageSize, c.CancellationToken));

    public async Task<ListIndicatorsResponse> Indicators(ServerCallContext c) =>
        LabourMessages.ToMessage(await queries.IndicatorsAsync(c.CancellationToken));

    // Page by page from the database to the wire: only one page is ever in memory.
    public async Task Export(ExportObservationsRequest r, IServerStreamWriter<ExportObservationsResponse> stream, ServerCallContext c)
    {
        var pages = export.ExportAsync(r.BatchId, r.AfterId, r.PageSize, PlatformCaller.From(c.User), c.CancellationToken);
        await foreach (var page in pages.WithCancellation(c.CancellationToken))
            await stream.WriteAsync(LabourMessages.ToMessage(page), c.CancellationToken);
    }
}
