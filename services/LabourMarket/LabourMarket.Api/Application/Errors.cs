namespace LabourMarket.Api.Application;

/// <summary>A field of a request (or a row of a batch) that is wrong, and why.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>
/// The request is wrong and nothing was written. REST answers 400 problem details naming the fields,
/// gRPC INVALID_ARGUMENT with field violations.
/// </summary>
public sealed class RequestValidationException(IReadOnlyList<FieldError> errors)
    : Exception("The request is invalid: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;

    public static RequestValidationException For(string field, string message) => new([new FieldError(field, message)]);
}

/// <summary>Collects field errors of a query and throws them together.</summary>
internal sealed class ErrorList
{
    private readonly List<FieldError> _errors = [];

    public void Add(string field, string message) => _errors.Add(new FieldError(field, message));

    public void ThrowIfAny()
    {
        if (_errors.Count > 0) throw new RequestValidationException(_errors);
    }
}
