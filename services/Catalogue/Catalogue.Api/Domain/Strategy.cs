namespace Catalogue.Api.Domain;

/// <summary>A development strategy as adopted by a council: who owns it, for which years, and its tree.</summary>
public sealed class Strategy
{
    public Guid Id { get; set; }
    /// <summary>Stable external code (from the import or the caller): a re-import finds the strategy by it.</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>voivodeship, powiat, gmina, or group (a functional area or an association of several units).</summary>
    public string OwnerKind { get; set; } = OwnerKinds.Powiat;
    /// <summary>TERYT codes of the owning unit(s), each a unit of the register.</summary>
    public string[] OwnerUnits { get; set; } = [];
    public string OwnerName { get; set; } = "";
    public int PeriodFrom { get; set; }
    public int PeriodTo { get; set; }
    public string? AdoptedBy { get; set; }
    public string? Mission { get; set; }
    public string? Vision { get; set; }
    public string State { get; set; } = StrategyState.Draft;
    /// <summary>What the document's own summary claims (JSON as imported), kept for the reporting service to compare with the table.</summary>
    public string? EvaluationSummary { get; set; }
    public string? Source { get; set; }
    /// <summary>Bumped by every change of the strategy or its tree; the optimistic-concurrency token of the header.</summary>
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Set while the strategy is archived: out of the public lists, kept whole, restorable by an administrator.</summary>
    public DateTimeOffset? ArchivedAt { get; set; }
    public string? ArchivedBy { get; set; }

    public bool Covers(int year) => year >= PeriodFrom && year <= PeriodTo;
}

public static class OwnerKinds
{
    public const string Voivodeship = "voivodeship";
    public const string Powiat = "powiat";
    public const string Gmina = "gmina";
    public const string Group = "group";
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Voivodeship, Powiat, Gmina, Group };
}
