using static Platform.ServiceDefaults.Hosting.ApiDocumentation;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Identity;
using LabourMarket.Api.Application;
using Microsoft.AspNetCore.Mvc;

namespace LabourMarket.Api.Api.Rest;

/// <summary>The labour-market REST API under /api/v1/labour (the gateway forwards the prefix as it is).</summary>
public static class LabourEndpoints
{
    public static IEndpointRouteBuilder MapLabourRest(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/labour").AddEndpointFilter<ProblemMapping>().WithTags("labour-market");

        api.MapGet("/indicators", (LabourQueries q, CancellationToken ct) => q.IndicatorsAsync(ct))
            .Refuses(StatusCodes.Status429TooManyRequests);
        api.MapGet("/units", (LabourQueries q, string? parent, int? page, int? pageSize, CancellationToken ct) =>
            q.UnitsAsync(parent, page ?? 1, pageSize ?? 100, ct))
            .Refuses(StatusCodes.Status429TooManyRequests);

        api.MapGet("/series", (LabourQueries q, string? indicator, string? unit, string? from, string? to, string? breakdown, string? asOf, CancellationToken ct) =>
            q.SeriesAsync(indicator, unit, from, to, breakdown, asOf, ct))
            .Refuses(StatusCodes.Status429TooManyRequests);
        api.MapGet("/latest", (LabourQueries q, string? indicator, string? unit, string? breakdown, string? frequency, string? asOf, CancellationToken ct) =>
            q.LatestAsync(indicator, unit, breakdown, frequency, asOf, ct))
            .Refuses(StatusCodes.Status429TooManyRequests);
        api.MapGet("/compare", (LabourQueries q, string? indicator, string? period, string? units, string? parent, string? breakdown, string? asOf, CancellationToken ct) =>
            q.CompareAsync(indicator, period, SplitList(units), parent, breakdown, asOf, ct))
            .Refuses(StatusCodes.Status429TooManyRequests);
        api.MapGet("/changes", (LabourQueries q, string? indicator, string? unit, [FromQuery(Name = "base")] string? basePeriod, string? to, string? breakdown, string? asOf, CancellationToken ct) =>
            q.ChangesAsync(indicator, unit, basePeriod, to, breakdown, asOf, ct))
            .Refuses(StatusCodes.Status429TooManyRequests);
        api.MapGet("/shares", (LabourQueries q, string? unit, string? period, string? asOf, CancellationToken ct) =>
            q.SharesAsync(unit, period, asOf, ct))
            .Refuses(StatusCodes.Status429TooManyRequests);

        api.MapPost("/observations", SubmitAsync)
            .Writes<ObservationBatchRequest, SubmissionResult>(StatusCodes.Status200OK).Example(BodyExamples.Batch)
            .WithSummary("Paczka danych o bezrobociu (JSON; PUP wysyła ją zwykle przez pup-feed i gRPC)");
        return app;
    }

    /// <summary>A batch as JSON: <c>{ batchId, source, rows: [{ row?, indicator, unit, period, breakdown?, value, source? }] }</c>.</summary>
    public sealed record ObservationBatchRequest(string? BatchId, string? Source, List<ObservationRowRequest>? Rows);

    public sealed record ObservationRowRequest(long? Row, string? Indicator, string? Unit, string? Period, string? Breakdown, double? Value, string? Source);

    private static async Task<IResult> SubmitAsync(HttpRequest body, SubmitObservations submit, HttpContext http, CancellationToken ct)
    {
        var request = await JsonBody.ReadAsync<ObservationBatchRequest>(body, ct);
        var caller = CallerContext.ForSubmission(http.Caller());
        var rows = (request.Rows ?? []).Select((r, i) => new SubmissionRow(
            r.Row ?? i + 1, r.Indicator ?? "", r.Unit ?? "", r.Period ?? "", r.Breakdown, r.Value ?? double.NaN, r.Source));
        var result = await submit.SubmitAsync(request.BatchId, request.Source, rows.ToAsyncEnumerable(), caller, ct);
        return result.Outcome switch
        {
            SubmissionOutcome.Rejected => Problems.RejectedBatch(result),
            SubmissionOutcome.OutsideTerritory => Problems.OutsideTerritory(result),
            _ => Results.Ok(result),
        };
    }

    private static List<string> SplitList(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
}
