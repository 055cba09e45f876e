namespace Zones.Api.Domain;

/// <summary>Utility networks a zone has, each with a status.</summary>
public static class UtilityKind
{
    public const string Water = "water";
    public const string Sewage = "sewage";
    public const string Electricity = "electricity";
    public const string Gas = "gas";
    public const string DistrictHeating = "district_heating";
    public const string Fibre = "fibre";

    public static readonly IReadOnlyList<string> All = [Water, Sewage, Electricity, Gas, DistrictHeating, Fibre];
    public static bool IsKnown(string kind) => All.Contains(kind, StringComparer.Ordinal);
}

public static class UtilityStatus
{
    /// <summary>Connected inside the zone: this is what a "required utilities" filter asks for.</summary>
    public const string Available = "available";
    /// <summary>A network runs along the boundary; a connection is needed.</summary>
    public const string OnBoundary = "on_boundary";
    public const string Planned = "planned";
    public const string None = "none";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Available, OnBoundary, Planned, None };
}
