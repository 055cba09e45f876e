using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Errors;

/// <summary>
/// Turns the use cases' exceptions into RFC 9457 problem details: 400 with every offending field,
/// 409 with the current version, 404. Applied to a service's whole /api/v1/… group. Refusals
/// (401/403) are written by the identity middleware of MapDefaultEndpoints.
/// </summary>
public sealed class ProblemMapping : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ValidationFailedException ex)
        {
            return Results.ValidationProblem(ex.Errors.ToDictionary(e => e.Key, e => e.Value),
                title: "Niepoprawne dane", detail: "Popraw wskazane pola; nic nie zostało zapisane.");
        }
        catch (ConcurrencyConflictException ex)
        {
            return Results.Problem(title: "Konflikt wersji", detail: ex.Message, statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["currentVersion"] = ex.CurrentVersion });
        }
        catch (NotFoundException ex)
        {
            return Results.Problem(title: "Nie znaleziono", detail: ex.Message, statusCode: StatusCodes.Status404NotFound);
        }
    }
}
