namespace Platform.Territory;

/// <summary>The register after merging a TERC file (<see cref="Units"/>, every unit ever known, "PL" first) and what the file changed.
/// Changes of kind, parent or description are taken into <see cref="Units"/> without being listed.</summary>
public sealed record RegisterChanges(
    IReadOnlyList<TerritorialUnit> Units,
    IReadOnlyList<TerritorialUnit> Added,
    IReadOnlyList<UnitRename> Renamed,
    IReadOnlyList<TerritorialUnit> Ended,
    IReadOnlyList<TerritorialUnit> Reinstated)
{
    /// <summary>Nothing added, renamed, ended or reinstated: the same file again.</summary>
    public bool IsEmpty => Added.Count == 0 && Renamed.Count == 0 && Ended.Count == 0 && Reinstated.Count == 0;
}

public sealed record UnitRename(string Code, string OldName, string NewName);
