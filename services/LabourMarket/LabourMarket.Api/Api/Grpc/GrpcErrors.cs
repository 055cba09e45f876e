using Platform.Text;
using System.Globalization;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using LabourMarket.Api.Application;
using Platform.Contracts.Labour.V1;
using Platform.ServiceDefaults.Grpc;

namespace LabourMarket.Api.Api.Grpc;

internal static class GrpcErrors
{
    /// <summary>
    /// Bad rows named in the status itself: it travels in the trailers, whose size peers limit (HttpClient
    /// and so Grpc.Net.Client and the gateway's proxy: 64 KiB for all of them), hence a cap; the answer's
    /// rejected count stays exact and the REST API lists them all.
    /// </summary>
    public const int MaxViolations = 200;

    /// <summary>
    /// Both details together, serialized: base64 in grpc-status-details-bin makes them a third larger, which
    /// leaves room under 64 KiB for the message and the other trailers.
    /// </summary>
    public const int MaxDetailBytes = 36 * 1024;

    /// <summary>A reason quotes the caller's text (an unknown code of any length): cut, so one row cannot use the whole budget.</summary>
    public const int MaxReasonChars = 200;

    public static RpcException Rejected(SubmissionResult result, SubmitObservationsResponse response)
    {
        var (listed, violations) = Listed(response);
        var message = $"Paczka {result.BatchId} odrzucona: {PolishFormat.Count(result.Rejected, "błędny wiersz", "błędne wiersze", "błędnych wierszy")} z {PolishFormat.Number(result.Received)}; nic nie zapisano.";
        if (violations.Count < result.Rejections.Count)
            message += string.Create(CultureInfo.InvariantCulture, $" Tu wymieniono pierwszych {violations.Count}; pełną listę daje REST API (POST /api/v1/labour/observations).");
        return RichStatus.InvalidArgument(message, violations, listed);
    }

    /// <summary>
    /// PERMISSION_DENIED naming the units outside the key's territory; the answer with its rows rides along
    /// (as for a rejected batch) so a feeder can still point at each row, with the reason OUTSIDE_TERRITORY.
    /// </summary>
    public static RpcException OutsideTerritory(SubmissionResult result, SubmitObservationsResponse response)
    {
        var (listed, _) = Listed(response);
        return RichStatus.WithDetails(StatusCode.PermissionDenied, result.Refusal ?? "Poza obszarem klucza.",
            new ErrorInfo { Reason = "OUTSIDE_TERRITORY", Domain = "platform" }, listed);
    }

    private static (SubmitObservationsResponse Listed, List<(string Field, string Description)> Violations) Listed(SubmitObservationsResponse response)
    {
        var listed = new SubmitObservationsResponse(response);
        listed.Rejections.Clear();
        var violations = new List<(string Field, string Description)>();
        var bytes = listed.CalculateSize();
        foreach (var rejection in response.Rejections.Take(MaxViolations))
        {
            var shown = new Rejection(rejection) { Message = Cut(rejection.Message) };
            var violation = new BadRequest.Types.FieldViolation { Field = $"rows[{rejection.Row}].{rejection.Field}", Description = shown.Message };
            // Each entry is length-prefixed inside its repeated field: a few bytes more than its own size.
            var size = shown.CalculateSize() + violation.CalculateSize() + 8;
            if (bytes + size > MaxDetailBytes) break;
            bytes += size;
            listed.Rejections.Add(shown);
            violations.Add((violation.Field, violation.Description));
        }
        return (listed, violations);
    }

    private static string Cut(string text) => text.Length <= MaxReasonChars ? text : text[..(MaxReasonChars - 1)] + "…";
}
