namespace Platform.Territory;

/// <summary>A name looked up in the register: the one unit it means, or the units it could mean (none = unknown).</summary>
public sealed record NameResolution(TerritorialUnit? Unit, IReadOnlyList<TerritorialUnit> Candidates)
{
    public bool IsUnknown => Unit is null && Candidates.Count == 0;
    public bool IsAmbiguous => Unit is null && Candidates.Count > 1;

    internal static NameResolution Unknown { get; } = new(null, []);

    internal static NameResolution Of(IReadOnlyList<TerritorialUnit> candidates) =>
        candidates.Count == 1 ? new(candidates[0], candidates) : new(null, candidates);
}
