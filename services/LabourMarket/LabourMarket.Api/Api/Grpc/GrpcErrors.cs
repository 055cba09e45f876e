using Google.Rpc;
using LabourMarket.Api.Application;
using Platform.Contracts.Labour.V1;
using Platform.Grpc;

namespace LabourMarket.Api.Api.Grpc;

internal static class GrpcErrors
{
    /// <summary>
    /// Bad rows named in the status itself: it travels in the trailers, whose size peers limit (HttpClient:
    /// 64 KiB), hence a cap; the answer's rejected count stays exact and the REST API lists them all.
    /// </summary>
    public const int MaxViolations = 200;

    public static RpcException Rejected(SubmissionResult result, SubmitObservationsResponse response)
    {
        var badRequest = new BadRequest();
        foreach (var r in result.Rejections.Take(MaxViolations))
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = $"rows[{r.Row}].{r.Field}", Description = r.Message });
        var listed = new SubmitObservationsResponse(response);
        listed.Rejections.Clear();
        listed.Rejections.Add(response.Rejections.Take(MaxViolations));
        var message = $"Paczka {result.BatchId} odrzucona: {result.Rejected} błędnych wierszy z {result.Received}; nic nie zapisano.";
        return RpcException.WithDetails(StatusCode.InvalidArgument, message, badRequest, listed);
    }
}
