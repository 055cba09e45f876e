using Platform.ServiceDefaults.Errors;

namespace Platform.Territory;

/// <summary>One problem of a TERC file. Field: a TERC column (WOJ, POW, GMI, RODZ, NAZWA, STAN_NA) or "header",
/// "encoding", "code" (a duplicate), "columns" (wrong number of fields), "file".</summary>
public sealed record TercError(int Line, string Field, string Message);

/// <summary>A TERC file that cannot be loaded, with every problem found; nothing of it is to be loaded.</summary>
public sealed class TercFormatException(IReadOnlyList<TercError> errors) : Exception(Summary(errors))
{
    public IReadOnlyList<TercError> Errors { get; } = errors;

    /// <summary>The same problems as bad input of the platform's transports (400 / INVALID_ARGUMENT), fields "line[12].POW".</summary>
    public ValidationFailedException ToValidationFailed()
    {
        var byField = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var e in Errors)
        {
            var key = $"line[{e.Line}].{e.Field}";
            if (!byField.TryGetValue(key, out var reasons)) byField[key] = reasons = [];
            if (!reasons.Contains(e.Message)) reasons.Add(e.Message);
        }
        return new ValidationFailedException(byField.ToDictionary(f => f.Key, f => f.Value.ToArray(), StringComparer.Ordinal));
    }

    private static string Summary(IReadOnlyList<TercError> errors)
    {
        const int shown = 5;
        var head = string.Join("; ", errors.Take(shown).Select(e => $"wiersz {e.Line}, {e.Field}: {e.Message}"));
        var more = errors.Count > shown ? $"; oraz {errors.Count - shown} innych" : "";
        return $"Niepoprawny plik TERC ({Plural(errors.Count)}): {head}{more}";
    }

    private static string Plural(int n) => n == 1 ? "1 błąd"
        : n % 10 is >= 2 and <= 4 && n % 100 is < 12 or > 14 ? $"{n} błędy" : $"{n} błędów";
}
