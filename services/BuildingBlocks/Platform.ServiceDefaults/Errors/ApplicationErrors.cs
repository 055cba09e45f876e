namespace Platform.ServiceDefaults.Errors;

/// <summary>Bad input: every offending field or row with its reasons. Both transports map it (400 / INVALID_ARGUMENT).</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("Niepoprawne dane: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationFailedException Single(string field, string reason) => new(new Dictionary<string, string[]> { [field] = [reason] });
}

/// <summary>Someone else changed the thing first (409 / ABORTED); the caller re-reads and retries with <see cref="CurrentVersion"/>.</summary>
public sealed class ConcurrencyConflictException(string message, int currentVersion) : Exception(message)
{
    public int CurrentVersion { get; } = currentVersion;
}

public sealed class NotFoundException(string message) : Exception(message);

/// <summary>Collects validation errors so a request is answered with all of them at once.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string reason)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        if (!list.Contains(reason)) list.Add(reason);
    }

    public bool Has(string field) => _errors.ContainsKey(field);

    /// <summary>True when the field or anything inside it (field.x, field[i]) has an error.</summary>
    public bool HasUnder(string field) =>
        _errors.Keys.Any(k => k == field || k.StartsWith(field + ".", StringComparison.Ordinal) || k.StartsWith(field + "[", StringComparison.Ordinal));

    public void Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, "Pole jest wymagane.");
        else MaxLength(field, value, maxLength);
    }

    public void MaxLength(string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength) Add(field, $"Tekst przekracza limit {maxLength} znaków ({value.Length}).");
    }

    public void List(string field, IReadOnlyList<string>? values, int maxCount, int maxLength)
    {
        if (values is null) return;
        if (values.Count > maxCount) Add(field, $"Najwyżej {maxCount} pozycji.");
        for (var i = 0; i < values.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(values[i])) Add($"{field}[{i}]", "Pusta pozycja.");
            else MaxLength($"{field}[{i}]", values[i], maxLength);
        }
    }

    public void OneOf(string field, string? value, IEnumerable<string> allowed, bool required = true)
    {
        if (value is null or "")
        {
            if (required) Add(field, $"Pole jest wymagane; dozwolone: {string.Join(", ", allowed)}.");
            return;
        }
        if (!allowed.Contains(value, StringComparer.Ordinal)) Add(field, $"Nieznana wartość '{value}'; dozwolone: {string.Join(", ", allowed)}.");
    }

    /// <summary>Copies another set's errors under renamed fields (an import format's own field names).</summary>
    public void AddAll(ValidationErrors other, Func<string, string> rename)
    {
        foreach (var (field, reasons) in other._errors)
            foreach (var reason in reasons) Add(rename(field), reason);
    }

    public void ThrowIfAny()
    {
        if (Any) throw new ValidationFailedException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }
}

/// <summary>Identifiers that arrive as text (gRPC strings, path segments) as the use cases take them.</summary>
public static class Identifiers
{
    /// <summary>The UUID in <paramref name="value"/>, or bad input naming <paramref name="field"/>.</summary>
    public static Guid Parse(string value, string field) =>
        Guid.TryParse(value, out var id) ? id : throw ValidationFailedException.Single(field, $"„{value}” nie jest identyfikatorem (UUID).");
}
