using System.Globalization;
using Platform.Contracts.Labour.V1;
using PupFeed.Csv;

namespace PupFeed.Checks;

/// <summary>
/// The platform's row rules, applied before sending so the clerk gets every bad row of the file at once
/// (the platform checks again and stays the authority: same codes, same meaning).
/// </summary>
public static class LocalChecks
{
    public static ObservationRow? Check(RawRow raw, ReferenceLists reference, DateOnly today, List<LineError> errors)
    {
        var before = errors.Count;
        void Error(string column, string message) => errors.Add(new LineError(raw.Line, column, message));

        if (!reference.IsUnit(raw.Unit)) Error("teryt", $"Nieznany kod TERYT „{raw.Unit}”.");
        var indicator = reference.Indicator(raw.Indicator);
        if (indicator is null) Error("wskaźnik", $"Nieznany wskaźnik „{raw.Indicator}”.");
        var breakdown = reference.Breakdown(raw.Breakdown);
        if (breakdown is null) Error("przekrój", $"Nieznany przekrój „{raw.Breakdown}”.");
        var period = ExportReader.NormalizePeriod(raw.Period);
        if (!TryStart(period, out var start)) Error("okres", $"Niepoprawny okres „{raw.Period}” (oczekiwano RRRR, RRRR-Qn, RRRR-MM lub MM.RRRR).");
        else if (start > today) Error("okres", $"Okres {period} jeszcze się nie rozpoczął.");

        if (!ExportReader.TryParseValue(raw.Value, out var value)) Error("wartość", $"„{raw.Value}” nie jest liczbą.");
        else if (indicator?.ValueKind == "count" && value < 0) Error("wartość", $"Liczba osób nie może być ujemna ({raw.Value}).");
        else if (indicator?.ValueKind == "count" && value != Math.Floor(value)) Error("wartość", $"Liczba osób musi być całkowita ({raw.Value}).");
        else if (indicator?.ValueKind == "rate" && value is < 0 or > 100) Error("wartość", $"Stopa musi mieścić się w przedziale 0–100 ({raw.Value}).");

        if (errors.Count > before) return null;
        return new ObservationRow
        {
            Row = raw.Line, Unit = raw.Unit, Indicator = indicator!.Code, Period = period, Breakdown = breakdown!, Value = value,
            Source = raw.Source ?? "",
        };
    }

    private static bool TryStart(string period, out DateOnly start)
    {
        start = default;
        var inv = CultureInfo.InvariantCulture;
        if (period.Length == 4 && int.TryParse(period, NumberStyles.None, inv, out var y) && y >= 1990) { start = new DateOnly(y, 1, 1); return true; }
        if (period.Length != 7 || period[4] != '-' || !int.TryParse(period[..4], NumberStyles.None, inv, out y) || y < 1990) return false;
        if (period[5] == 'Q' && period[6] is >= '1' and <= '4') { start = new DateOnly(y, (period[6] - '1') * 3 + 1, 1); return true; }
        if (int.TryParse(period[5..], NumberStyles.None, inv, out var m) && m is >= 1 and <= 12) { start = new DateOnly(y, m, 1); return true; }
        return false;
    }
}
