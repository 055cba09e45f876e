using Platform.Text;
using LabourMarket.Api.Application;

namespace LabourMarket.Api.Api.Rest;

/// <summary>RFC 9457 problem details naming the fields (or rows) at fault.</summary>
internal static class Problems
{
    public static IResult RejectedBatch(SubmissionResult result) => Results.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "The batch was rejected; nothing was written.",
        detail: $"Paczka {result.BatchId} odrzucona: {PolishFormat.Count(result.Rejected, "błędny wiersz", "błędne wiersze", "błędnych wierszy")} z {PolishFormat.Number(result.Received)}.",
        extensions: Rows(result));

    /// <summary>403: figures for known units outside the key's territory; every bad row is still listed.</summary>
    public static IResult OutsideTerritory(SubmissionResult result) => Results.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "Poza obszarem klucza",
        detail: result.Refusal,
        extensions: Rows(result));

    private static Dictionary<string, object?> Rows(SubmissionResult result) => new()
    {
        ["batchId"] = result.BatchId,
        ["received"] = result.Received,
        ["rejected"] = result.Rejected,
        ["errors"] = result.Rejections.GroupBy(r => $"rows[{r.Row}].{r.Field}").ToDictionary(g => g.Key, g => g.Select(r => r.Message).ToArray()),
        ["rejections"] = result.Rejections,
    };
}
