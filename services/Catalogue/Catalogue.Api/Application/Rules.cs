using Catalogue.Api.Domain;
using Platform.Territory;

namespace Catalogue.Api.Application;

/// <summary>Field rules shared by the create/update use cases and the importers, so every path refuses the same input.</summary>
public static class Rules
{
    public const int MaxOrder = 99_999;

    /// <summary>The header's own fields; its owner is checked against the register by <see cref="RegisterRules.Owner"/>.</summary>
    public static void Header(ValidationErrors errors, string? name, int periodFrom, int periodTo,
        string? adoptedBy, string? mission, string? vision, string? state, string prefix = "")
    {
        errors.Required(prefix + "name", name, Limits.Name);
        if (periodFrom is < Limits.MinYear or > Limits.MaxYear) errors.Add(prefix + "periodFrom", $"Rok spoza zakresu {Limits.MinYear}–{Limits.MaxYear}.");
        if (periodTo is < Limits.MinYear or > Limits.MaxYear) errors.Add(prefix + "periodTo", $"Rok spoza zakresu {Limits.MinYear}–{Limits.MaxYear}.");
        else if (periodTo < periodFrom) errors.Add(prefix + "periodTo", "Koniec okresu przed jego początkiem.");
        errors.MaxLength(prefix + "adoptedBy", adoptedBy, Limits.ShortText);
        errors.MaxLength(prefix + "mission", mission, Limits.LongText);
        errors.MaxLength(prefix + "vision", vision, Limits.LongText);
        if (state is not null && !StrategyState.All.Contains(state))
            errors.Add(prefix + "state", $"Dozwolone wartości: {string.Join(", ", StrategyState.All)}.");
    }

    public static bool IsTeryt(string? code) => code is { Length: 2 or 4 or 7 } && code.All(char.IsAsciiDigit);

    public static void StrategyCode(ValidationErrors errors, string field, string code)
    {
        if (code.Length is 0 or > 100 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            errors.Add(field, "Kod strategii: 1–100 znaków, litery, cyfry, '-', '_' lub '.'.");
    }

    /// <summary>Fields of a node apart from its place in the tree.</summary>
    public static void NodeFields(ValidationErrors errors, string prefix, NodeKind kind, string? title, int? order,
        IReadOnlyList<string>? implementers, bool areaWide, decimal? weight, IReadOnlyList<IndicatorLink>? indicators,
        IReadOnlyList<Guid>? forwardedTo, TerritoryIndex register)
    {
        errors.Required(prefix + "title", title, Limits.Title);
        if (order is < 0 or > MaxOrder) errors.Add(prefix + "order", $"Kolejność od 0 do {MaxOrder}.");
        errors.List(prefix + "implementers", implementers, Limits.ListItems, Limits.ListItem);
        if (weight is { } w && (w <= 0 || w > 1000)) errors.Add(prefix + "weight", "Waga musi być dodatnia i nie większa niż 1000.");
        if (kind != NodeKind.Direction)
        {
            // Only a direction is realized and monitored: these fields mean nothing on a goal or area.
            if (implementers is { Count: > 0 }) errors.Add(prefix + "implementers", "Realizatorów ma tylko kierunek interwencji.");
            if (areaWide) errors.Add(prefix + "areaWide", "Tylko kierunek interwencji może być projektem obszarowym.");
            if (weight is not null) errors.Add(prefix + "weight", "Wagę ma tylko kierunek interwencji.");
            if (indicators is { Count: > 0 }) errors.Add(prefix + "indicators", "Wskaźniki ma tylko kierunek interwencji.");
            if (forwardedTo is { Count: > 0 }) errors.Add(prefix + "forwardedTo", "Przekazać można tylko kierunek interwencji.");
        }
        if (indicators is not null)
        {
            if (indicators.Count > Limits.ListItems) errors.Add(prefix + "indicators", $"Najwyżej {Limits.ListItems} wskaźników.");
            for (var i = 0; i < indicators.Count; i++)
            {
                var p = $"{prefix}indicators[{i}].";
                var ind = indicators[i];
                if (ind is null) { errors.Add($"{prefix}indicators[{i}]", "Pusta pozycja."); continue; }
                errors.Required(p + "indicatorCode", ind.IndicatorCode, 100);
                RegisterRules.Unit(errors, p + "territorialUnit", ind.TerritorialUnit, register);
                if (ind.BaselineYear is < Limits.MinYear or > Limits.MaxYear) errors.Add(p + "baselineYear", "Rok spoza zakresu.");
                if (ind.TargetYear is < Limits.MinYear or > Limits.MaxYear) errors.Add(p + "targetYear", "Rok spoza zakresu.");
                if (ind.BaselineYear is { } b && ind.TargetYear is { } t && t < b) errors.Add(p + "targetYear", "Rok docelowy przed bazowym.");
            }
        }
        if (forwardedTo is { Count: > Limits.ListItems }) errors.Add(prefix + "forwardedTo", $"Najwyżej {Limits.ListItems} pozycji.");
    }

    /// <summary>Code and parent: well formed, fitting the parent, on a deeper level, unique per kind in the strategy.</summary>
    public static void Placement(ValidationErrors errors, string codeField, string parentField, NodeKind kind, string? code,
        StrategyNode? parent, bool parentMissing, IEnumerable<StrategyNode> siblingsOfKind)
    {
        if (string.IsNullOrWhiteSpace(code)) { errors.Add(codeField, "Pole jest wymagane."); return; }
        if (!CodeRules.IsWellFormed(code))
        {
            errors.Add(codeField, $"Kod: do {CodeRules.MaxCodeLength} znaków, litery i cyfry rozdzielone '.', '-', '/' lub spacją.");
            return;
        }
        if (parentMissing) { errors.Add(parentField, "Nieznany węzeł nadrzędny."); return; }
        if (parent is not null)
        {
            if (parent.Kind == NodeKind.Direction) errors.Add(parentField, "Kierunek interwencji nie może mieć węzłów podrzędnych.");
            else if (kind <= parent.Kind) errors.Add(parentField, $"Węzeł typu {kind.Name()} nie może leżeć pod {parent.Kind.Name()}.");
            else if (!CodeRules.FitsParent(code, kind, parent.Code, parent.Kind))
                errors.Add(codeField, $"Kod {code} nie pasuje do węzła nadrzędnego {parent.Code}.");
        }
        else if (kind == NodeKind.Direction) errors.Add(parentField, "Kierunek interwencji musi mieć węzeł nadrzędny.");
        if (siblingsOfKind.Any(n => n.Code == code)) errors.Add(codeField, $"Kod {code} już istnieje w tej strategii.");
    }

    public static MonitoringPeriod? Period(ValidationErrors errors, int? year, int? yearFrom, int? yearTo, Strategy strategy, string prefix = "")
    {
        MonitoringPeriod period;
        if (year is { } y)
        {
            if (yearFrom is not null || yearTo is not null) { errors.Add(prefix + "year", "Podaj rok albo okres (yearFrom–yearTo), nie oba."); return null; }
            period = MonitoringPeriod.Year(y);
        }
        else if (yearFrom is { } f && yearTo is { } t)
        {
            if (t < f) { errors.Add(prefix + "yearTo", "Koniec okresu przed jego początkiem."); return null; }
            period = new MonitoringPeriod(f, t);
        }
        else { errors.Add(prefix + "year", "Podaj rok albo okres (yearFrom–yearTo)."); return null; }

        if (!strategy.Covers(period.From) || !strategy.Covers(period.To))
        {
            var field = year is not null ? "year" : !strategy.Covers(period.From) ? "yearFrom" : "yearTo";
            errors.Add(prefix + field, $"Rok poza okresem strategii {strategy.PeriodFrom}–{strategy.PeriodTo}.");
            return null;
        }
        return period;
    }

    public static void EntryFields(ValidationErrors errors, string prefix, string? status, bool statusRequired, string? statusText,
        string? description, string? conclusions, IReadOnlyList<string>? implementers, IReadOnlyList<string>? evidenceLinks, string? recordedBy)
    {
        if (status is null)
        {
            if (statusRequired) errors.Add(prefix + "status", $"Pole jest wymagane; dozwolone: {string.Join(", ", MonitoringStatus.All)}.");
        }
        else if (!MonitoringStatus.IsKnown(status))
            errors.Add(prefix + "status", $"Nieznany status '{Clip(status)}'; dozwolone: {string.Join(", ", MonitoringStatus.All)}.");
        errors.MaxLength(prefix + "statusText", statusText, Limits.ShortText);
        errors.MaxLength(prefix + "description", description, Limits.LongText);
        errors.MaxLength(prefix + "conclusions", conclusions, Limits.LongText);
        errors.List(prefix + "implementers", implementers, Limits.ListItems, Limits.ListItem);
        errors.List(prefix + "evidenceLinks", evidenceLinks, Limits.ListItems, Limits.Link);
        if (evidenceLinks is not null)
            for (var i = 0; i < evidenceLinks.Count; i++)
                if (!string.IsNullOrWhiteSpace(evidenceLinks[i]) && !(Uri.TryCreate(evidenceLinks[i], UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
                    errors.Add($"{prefix}evidenceLinks[{i}]", "Oczekiwano adresu http(s).");
        errors.Required(prefix + "recordedBy", recordedBy, 200);
    }

    public static string Clip(string value) => value.Length <= 60 ? value : value[..60] + "…";
}
