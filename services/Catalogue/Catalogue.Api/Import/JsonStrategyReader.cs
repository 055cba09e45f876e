using System.Text.Json;
using Catalogue.Api.Application;
using Catalogue.Api.Domain;

namespace Catalogue.Api.Import;

/// <summary>
/// Reads the JSON format of the extracted documents (shared/data): strategy, areas with their
/// strategic goal, operational goals, directions with the realization table. Each direction's
/// realized / realization_mode / conclusions is one entry for the whole period (a final evaluation).
/// The owner is <c>strategy.territory</c> (units by name, resolved in the TERYT register by the import) or an explicit
/// <c>strategy.owner</c>. Optional extensions: strategy.code, mission, vision, state, owner; per direction implementers,
/// area_wide, weight and yearly <c>entries</c>.
/// </summary>
public static class JsonStrategyReader
{
    /// <summary>The document's words for a project meant to be done jointly by all gminy.</summary>
    public const string AreaWideMarker = "projekt w ramach calego obszaru funkcjonalnego";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static async Task<StrategyDocument> ReadAsync(Stream body, CancellationToken ct)
    {
        JsonFile file;
        try
        {
            file = await JsonSerializer.DeserializeAsync<JsonFile>(body, Options, ct)
                ?? throw ValidationFailedException.Single("body", "Pusty dokument.");
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            throw ValidationFailedException.Single(field,
                $"Niepoprawny JSON (wiersz {ex.LineNumber + 1}, pozycja {ex.BytePositionInLine + 1}).");
        }
        return ToDocument(file);
    }

    private static StrategyDocument ToDocument(JsonFile file)
    {
        var s = file.Strategy ?? throw ValidationFailedException.Single("strategy", "Pole jest wymagane.");
        var doc = new StrategyDocument
        {
            Code = s.Code, Name = s.Name, PeriodFrom = s.PeriodFrom ?? 0, PeriodTo = s.PeriodTo ?? 0, AdoptedBy = s.AdoptedBy,
            Mission = s.Mission, Vision = s.Vision, State = s.State ?? StrategyState.Adopted, Source = file.Source,
            EvaluationSummary = file.EvaluationSummary is { ValueKind: JsonValueKind.Object or JsonValueKind.Array } summary ? summary.GetRawText() : null,
            HeaderWhere = "strategy.",
        };
        doc.Owner = s.Owner is { } o ? new OwnerInput(o.Kind, o.Units, o.Name) : null;
        // Names, not codes: resolved in the register by the import (an owner with units wins; its name alone is kept).
        doc.Territory = s.Territory is { } t ? new TerritoryNames("strategy.territory", t.Voivodeship, t.Powiat, t.Gminy, t.Name) : null;

        var areas = file.Areas ?? [];
        for (var i = 0; i < areas.Count; i++)
        {
            var a = areas[i];
            doc.Nodes.Add(new NodeRow($"areas[{i}]", "area", NodeKind.Area, a.Code, null, a.Name, i + 1, [], false, null));
            // The document states one strategic goal per area and numbers it like the area ("Cel strategiczny I").
            if (a.StrategicGoal is not null)
                doc.Nodes.Add(new NodeRow($"areas[{i}].strategic_goal", "area", NodeKind.StrategicGoal, a.StrategicGoalCode ?? a.Code, a.Code,
                    a.StrategicGoal, 1, [], false, null));
        }
        var goals = file.OperationalGoals ?? [];
        for (var i = 0; i < goals.Count; i++)
        {
            var g = goals[i];
            doc.Nodes.Add(new NodeRow($"operational_goals[{i}]", "area", NodeKind.OperationalGoal, g.Code, g.Area, g.Name, null, [], false, null));
        }
        var directions = file.Directions ?? [];
        for (var i = 0; i < directions.Count; i++)
        {
            var d = directions[i];
            var where = $"directions[{i}]";
            var areaWide = d.AreaWide ?? PolishText.Fold(d.Title).Contains(AreaWideMarker, StringComparison.Ordinal);
            doc.Nodes.Add(new NodeRow(where, "operational_goal", NodeKind.Direction, d.Code, d.OperationalGoal, d.Title, null,
                d.Implementers ?? [], areaWide, d.Weight));
            if (d.Realized is not null || d.RealizationMode is not null || d.Conclusions is not null)
                AddEntry(doc, where, d.Code ?? "", doc.PeriodFrom, doc.PeriodTo, d.Realized, d.RealizationMode, null, d.Conclusions, []);
            var entries = d.Entries ?? [];
            for (var j = 0; j < entries.Count; j++)
            {
                var e = entries[j];
                AddEntry(doc, $"{where}.entries[{j}]", d.Code ?? "", e.Year ?? e.YearFrom ?? 0, e.Year ?? e.YearTo ?? 0,
                    e.Realized, e.RealizationMode ?? e.Status, e.Description, e.Conclusions, e.EvidenceLinks ?? []);
            }
        }
        return doc;
    }

    private static void AddEntry(StrategyDocument doc, string where, string code, int from, int to, string? realizedText,
        string? mode, string? description, string? conclusions, string[] evidence)
    {
        var realized = RealizationModeMapper.Realized(realizedText);
        if (realized is null && !string.IsNullOrWhiteSpace(realizedText))
            doc.Unmapped.Add(new UnmappedValue(where, "realized", realizedText, code));
        var status = RealizationModeMapper.Map(mode);
        if (status is null && !string.IsNullOrWhiteSpace(mode))
            doc.Unmapped.Add(new UnmappedValue(where, "realization_mode", mode, code));
        doc.Entries.Add(new EntryRow(where, code, from, to, realized, status, mode, description, conclusions, [], evidence, null));
    }

    // The file's shape (snake_case on the wire).
    private sealed record JsonFile(string? Source, StrategyJson? Strategy, List<AreaJson>? Areas,
        List<GoalJson>? OperationalGoals, List<DirectionJson>? Directions, JsonElement? EvaluationSummary);

    private sealed record StrategyJson(string? Code, string? Name, int? PeriodFrom, int? PeriodTo, string? AdoptedBy,
        string? Mission, string? Vision, string? State, TerritoryJson? Territory, OwnerJson? Owner);

    private sealed record TerritoryJson(string? Voivodeship, string? Powiat, string[]? Gminy, string? Name);

    private sealed record OwnerJson(string? Kind, string[]? Units, string? Name);

    private sealed record AreaJson(string? Code, string? Name, string? StrategicGoal, string? StrategicGoalCode);

    private sealed record GoalJson(string? Code, string? Area, string? Name);

    private sealed record DirectionJson(string? Code, string? OperationalGoal, string? Title, string? Realized,
        string? RealizationMode, string? Conclusions, string[]? Implementers, bool? AreaWide, decimal? Weight, List<EntryJson>? Entries);

    private sealed record EntryJson(int? Year, int? YearFrom, int? YearTo, string? Realized, string? RealizationMode,
        string? Status, string? Description, string? Conclusions, string[]? EvidenceLinks);
}
