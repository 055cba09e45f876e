using System.Globalization;
using LabourMarket.Api.Domain;
using Platform.ServiceDefaults.Validation;

namespace LabourMarket.Api.Application;

/// <summary>
/// A row that passed the rules, in the form it is staged. The value stays a double until PostgreSQL casts it
/// to numeric in the merge — the same 15-significant-digit rounding as .NET's decimal conversion, without
/// encoding a numeric per row on the way in.
/// </summary>
public readonly record struct ValidRow(long Row, string Indicator, string Unit, Period Period, string Breakdown, double Value, string? Source);

/// <summary>
/// The per-row rules of a batch. Every rule that fails is reported (not only the first), with a Polish
/// message a clerk at the PUP can act on.
/// </summary>
public static class RowRules
{
    /// <summary>The rejection code of a known unit outside the caller's territory.</summary>
    public const string OutsideTerritory = "outside_territory";

    // Far beyond any real count; keeps the conversion to numeric exact and safe.
    private const double MaxValue = 1e12;

    public static bool Validate(in SubmissionRow row, ReferenceData reference, CallerContext caller, DateOnly today,
        List<RowRejection> rejections, out ValidRow valid)
    {
        valid = default;
        var before = rejections.Count;
        var n = row.Row;
        void Reject(string field, string code, string message) => rejections.Add(new RowRejection(n, field, code, message));

        // PostgreSQL text cannot hold NUL: such a row would fail the staging COPY as a server
        // error. Refused here for every transport (REST, and gRPC chunks the shared guard refused
        // as a whole), naming the field by the clerk's row number.
        RejectNul("indicator", row.Indicator);
        RejectNul("unit", row.Unit);
        RejectNul("period", row.Period);
        RejectNul("breakdown", row.Breakdown);
        RejectNul("source", row.Source);
        if (rejections.Count > before) return false;
        void RejectNul(string field, string? text)
        {
            if (text is not null && text.Contains('\0')) Reject(field, "nul_character", TextGuard.Reason);
        }

        var indicatorCode = row.Indicator?.Trim() ?? "";
        reference.Indicators.TryGetValue(indicatorCode, out var indicator);
        if (indicator is null)
            Reject("indicator", "unknown_indicator", $"Nieznany wskaźnik „{indicatorCode}”.");

        // A code the register does not know is bad input; a known unit outside the key's territory is a refusal
        // (the whole batch then answers 403 / PERMISSION_DENIED, see SubmitObservations).
        var unit = row.Unit?.Trim() ?? "";
        var known = reference.Units.Find(unit);
        if (known is null)
            Reject("unit", "unknown_unit", $"Nieznany kod TERYT „{unit}”.");
        else if (!caller.MayWrite(unit, reference.Units))
            Reject("unit", OutsideTerritory, caller.OutsideTerritory(known, reference.Units));

        if (!Period.TryParse(row.Period, out var period))
            Reject("period", "bad_period", $"Niepoprawny okres „{row.Period}” (oczekiwano RRRR, RRRR-Qn lub RRRR-MM).");
        else if (period.IsFuture(today))
            Reject("period", "future_period", $"Okres {period} jeszcze się nie rozpoczął.");

        var breakdown = Breakdowns.Normalize(row.Breakdown);
        if (!Breakdowns.IsKnown(breakdown))
            Reject("breakdown", "unknown_breakdown", $"Nieznany przekrój „{breakdown}”.");

        var value = row.Value;
        if (double.IsNaN(value) || double.IsInfinity(value) || Math.Abs(value) > MaxValue)
            Reject("value", "bad_value", "Wartość nie jest poprawną liczbą.");
        else if (indicator?.ValueKind == ValueKinds.Count)
        {
            if (value < 0) Reject("value", "negative_count", $"Liczba osób nie może być ujemna ({Format(value)}).");
            else if (value != Math.Floor(value)) Reject("value", "non_integer_count", $"Liczba osób musi być całkowita ({Format(value)}).");
        }
        else if (indicator?.ValueKind == ValueKinds.Rate && value is < 0 or > 100)
            Reject("value", "rate_out_of_range", $"Stopa musi mieścić się w przedziale 0–100 ({Format(value)}).");

        if (rejections.Count > before) return false;
        valid = new ValidRow(n, indicatorCode, unit, period, breakdown, value,
            string.IsNullOrWhiteSpace(row.Source) ? null : row.Source.Trim());
        return true;
    }

    private static string Format(double value) => value.ToString("0.####", CultureInfo.GetCultureInfo("pl-PL"));
}
