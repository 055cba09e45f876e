using Platform.Text;
using System.Globalization;
using Catalogue.Api.Application;
using Catalogue.Api.Domain;

namespace Catalogue.Api.Import;

/// <summary>
/// Reads the CSV import format (columns in services/Catalogue/README.md): one row per node, repeated
/// for each of a direction's monitoring entries. Nodes are keyed by (kind, code) — the stable
/// external codes — so a re-import updates them instead of adding duplicates. Errors name the data
/// row ("rows[3].period_from", the header not counted).
/// </summary>
public static class CsvStrategyReader
{
    private static readonly string[] Known =
    [
        "strategy_code", "strategy_name", "owner_kind", "owner_units", "owner_name", "period_from", "period_to", "adopted_by",
        "mission", "vision", "state", "kind", "code", "parent_code", "title", "order", "implementers", "area_wide", "weight",
        "year", "year_from", "year_to", "realized", "status", "status_text", "description", "conclusions", "evidence_links", "recorded_by",
    ];

    private static readonly string[] Required = ["kind", "code", "title"];

    public static async Task<StrategyDocument> ReadAsync(Stream body, CancellationToken ct)
    {
        // Whole (the gateway bounds bodies) to tell UTF-8 from Windows-1250, what Polish Excel saves, and refuse the rest.
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, ct);
        var decoded = PolishTextFile.Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        if (decoded.Text is not { } text)
            throw ValidationFailedException.Single($"rows[{decoded.Line}]", $"Wiersz {decoded.Line}: {decoded.Problem}.");
        List<string[]> rows;
        try { rows = CsvParser.Parse(text); }
        catch (CsvParser.MalformedCsvException ex) { throw ValidationFailedException.Single("body", ex.Message); }
        if (rows.Count < 2) throw ValidationFailedException.Single("body", "Brak wiersza nagłówka lub wierszy danych.");

        var header = rows[0].Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var errors = new ValidationErrors();
        foreach (var h in header.Where(h => !Known.Contains(h))) errors.Add($"header.{h}", "Nieznana kolumna.");
        foreach (var r in Required.Where(r => !header.Contains(r))) errors.Add($"header.{r}", "Brak wymaganej kolumny.");
        errors.ThrowIfAny();
        var index = header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i);

        var doc = new StrategyDocument { HeaderWhere = "rows[1].", FlatHeader = true };
        errors = doc.Errors; // row errors travel with the document and are reported with the import's checks
        var strategyFields = new Dictionary<string, (string Value, int Row)>();
        var seenNodes = new Dictionary<(NodeKind, string), (int Row, string? Title, string? Parent)>();
        for (var r = 1; r < rows.Count; r++)
        {
            var cells = rows[r];
            var where = $"rows[{r}]";
            if (cells.Length != header.Length) { errors.Add(where, $"Oczekiwano {header.Length} kolumn, jest {cells.Length}."); continue; }
            string? Cell(string name) => index.TryGetValue(name, out var i) && cells[i].Trim() is { Length: > 0 } v ? v : null;

            foreach (var name in (string[])["strategy_code", "strategy_name", "owner_kind", "owner_units", "owner_name", "period_from", "period_to", "adopted_by", "mission", "vision", "state"])
            {
                if (Cell(name) is not { } value) continue;
                if (!strategyFields.TryGetValue(name, out var first)) strategyFields[name] = (value, r);
                else if (first.Value != value) errors.Add($"{where}.{name}", $"Inna wartość niż w wierszu {first.Row}.");
            }

            if (!NodeKinds.TryParse(Cell("kind"), out var kind)) { errors.Add($"{where}.kind", $"Dozwolone: {string.Join(", ", NodeKinds.ByName.Keys)}."); continue; }
            var code = Cell("code");
            if (code is not null && seenNodes.TryGetValue((kind, code), out var seen))
            {
                // A repeated row carries another entry of the same node; describing the node differently is a duplicate code.
                if (seen.Title != Cell("title") || seen.Parent != Cell("parent_code"))
                    errors.Add($"{where}.code", $"Kod {code} ({kind.Name()}) już opisano inaczej w wierszu {seen.Row}.");
            }
            else if (code is not null)
            {
                seenNodes[(kind, code)] = (r, Cell("title"), Cell("parent_code"));
                var areaWide = Bool(Cell("area_wide"), $"{where}.area_wide", errors) ?? false;
                doc.Nodes.Add(new NodeRow(where, "parent_code", kind, code, Cell("parent_code"), Cell("title"),
                    Int(Cell("order"), $"{where}.order", errors), List(Cell("implementers")), areaWide,
                    Decimal(Cell("weight"), $"{where}.weight", errors)));
            }
            else if (code is null) errors.Add($"{where}.code", "Pole jest wymagane.");

            var year = Int(Cell("year"), $"{where}.year", errors);
            var from = Int(Cell("year_from"), $"{where}.year_from", errors);
            var to = Int(Cell("year_to"), $"{where}.year_to", errors);
            if (year is null && from is null && to is null) continue;
            if (kind != NodeKind.Direction) { errors.Add($"{where}.year", "Wpis monitoringu dotyczy tylko kierunku interwencji."); continue; }
            if (year is null && (from is null || to is null)) { errors.Add($"{where}.year_from", "Podaj year albo year_from i year_to."); continue; }

            // status is the vocabulary (a wrong value is an error); status_text is the document's wording, mapped when status is empty.
            var statusText = Cell("status_text");
            var status = Cell("status");
            if (status is not null && !MonitoringStatus.IsKnown(status))
                errors.Add($"{where}.status", $"Nieznany status '{Rules.Clip(status)}'; dozwolone: {string.Join(", ", MonitoringStatus.All)}.");
            status ??= RealizationModeMapper.Map(statusText);
            if (status is null && statusText is not null) doc.Unmapped.Add(new UnmappedValue(where, "status_text", statusText, code));
            var realizedText = Cell("realized");
            var realized = RealizationModeMapper.Realized(realizedText);
            if (realized is null && realizedText is not null) errors.Add($"{where}.realized", "Oczekiwano TAK albo NIE.");
            doc.Entries.Add(new EntryRow(where, code ?? "", year ?? from!.Value, year ?? to!.Value, realized, status, statusText,
                Cell("description"), Cell("conclusions"), [], List(Cell("evidence_links")), Cell("recorded_by")));
        }

        string? S(string name) => strategyFields.TryGetValue(name, out var v) ? v.Value : null;
        doc.Code = S("strategy_code");
        doc.Name = S("strategy_name");
        doc.PeriodFrom = Int(S("period_from"), "rows[1].period_from", errors) ?? 0;
        doc.PeriodTo = Int(S("period_to"), "rows[1].period_to", errors) ?? 0;
        doc.AdoptedBy = S("adopted_by");
        doc.Mission = S("mission");
        doc.Vision = S("vision");
        doc.State = S("state") ?? StrategyState.Adopted;
        doc.Owner = new OwnerInput(S("owner_kind"), S("owner_units") is { } units ? List(units) : null, S("owner_name"));
        doc.Source = "csv";
        return doc;
    }

    /// <summary>Lists inside a cell are separated by '|' (the delimiter is taken).</summary>
    private static string[] List(string? cell) =>
        cell?.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    private static int? Int(string? cell, string field, ValidationErrors errors)
    {
        if (cell is null) return null;
        if (int.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
        errors.Add(field, "Oczekiwano liczby całkowitej.");
        return null;
    }

    private static decimal? Decimal(string? cell, string field, ValidationErrors errors)
    {
        if (cell is null) return null;
        // Polish spreadsheets write a decimal comma.
        if (decimal.TryParse(cell.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var value)) return value;
        errors.Add(field, "Oczekiwano liczby.");
        return null;
    }

    private static bool? Bool(string? cell, string field, ValidationErrors errors)
    {
        if (cell is null) return null;
        var value = RealizationModeMapper.Realized(cell);
        if (value is null) errors.Add(field, "Oczekiwano TAK albo NIE.");
        return value;
    }
}
