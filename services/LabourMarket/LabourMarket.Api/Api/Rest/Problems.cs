using LabourMarket.Api.Application;

namespace LabourMarket.Api.Api.Rest;

/// <summary>RFC 9457 problem details naming the fields (or rows) at fault.</summary>
internal static class Problems
{
    public static IResult Invalid(IReadOnlyList<FieldError> errors) => Results.ValidationProblem(
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
        title: "The request is invalid; nothing was written.");

    public static IResult RejectedBatch(SubmissionResult result) => Results.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "The batch was rejected; nothing was written.",
        detail: $"Paczka {result.BatchId} odrzucona: {result.Rejected} błędnych wierszy z {result.Received}.",
        extensions: new Dictionary<string, object?>
        {
            ["batchId"] = result.BatchId,
            ["received"] = result.Received,
            ["rejected"] = result.Rejected,
            ["errors"] = result.Rejections.GroupBy(r => $"rows[{r.Row}].{r.Field}").ToDictionary(g => g.Key, g => g.Select(r => r.Message).ToArray()),
            ["rejections"] = result.Rejections,
        });
}

/// <summary>Turns a use case's validation failure into a 400 for every endpoint of the group.</summary>
internal sealed class ProblemFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try { return await next(context); }
        catch (RequestValidationException ex) { return Problems.Invalid(ex.Errors); }
        catch (Platform.ServiceDefaults.Errors.ValidationFailedException ex)
        {
            return Results.ValidationProblem(ex.Errors, title: "The request is invalid; nothing was written.");
        }
    }
}
