using Catalogue.Api.Application;
using Catalogue.Api.Domain;

namespace Catalogue.Api.Import;

/// <summary>
/// A strategy as read from an import file, before it touches the database: the readers (JSON, CSV)
/// produce it, <see cref="StrategyImport"/> validates and applies it. <c>Where</c> names the place in
/// the file ("directions[4]", "rows[12]") so errors point at it.
/// </summary>
public sealed class StrategyDocument
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public OwnerInput? Owner { get; set; }
    /// <summary>Units named by word (JSON <c>territory</c>); the import resolves them in the register into <see cref="Owner"/>'s units.</summary>
    public TerritoryNames? Territory { get; set; }
    public int PeriodFrom { get; set; }
    public int PeriodTo { get; set; }
    public string? AdoptedBy { get; set; }
    public string? Mission { get; set; }
    public string? Vision { get; set; }
    public string? State { get; set; }
    public string? EvaluationSummary { get; set; }
    public string? Source { get; set; }
    /// <summary>Prefix of the header's field names in errors ("strategy." for JSON, "rows[1]." for CSV).</summary>
    public string HeaderWhere { get; set; } = "";
    /// <summary>The header's fields are columns (owner_kind) rather than nested (owner.kind).</summary>
    public bool FlatHeader { get; set; }
    public List<NodeRow> Nodes { get; } = [];
    public List<EntryRow> Entries { get; } = [];
    /// <summary>Row errors the reader found; reported together with the import's own checks, so one answer names them all.</summary>
    public ValidationErrors Errors { get; } = new();
    /// <summary>Values the reader kept as written because no rule maps them (never guessed).</summary>
    public List<UnmappedValue> Unmapped { get; } = [];
}

/// <summary>
/// A territory as a document names it: <c>{voivodeship, powiat, gminy, name}</c>, each optional; <c>name</c> is the
/// group's own name ("Blisko Krakowa"). <paramref name="Where"/> is the field's path for errors ("strategy.territory").
/// </summary>
public sealed record TerritoryNames(string Where, string? Voivodeship, string? Powiat, string[]? Gminy, string? Name);

/// <param name="ParentField">Name of the field that holds the parent's code in this format, for errors.</param>
public sealed record NodeRow(
    string Where, string ParentField, NodeKind Kind, string? Code, string? ParentCode, string? Title, int? Order,
    string[] Implementers, bool AreaWide, decimal? Weight);

public sealed record EntryRow(
    string Where, string DirectionCode, int YearFrom, int YearTo, bool? Realized, string? Status, string? StatusText,
    string? Description, string? Conclusions, string[] Implementers, string[] EvidenceLinks, string? RecordedBy);
