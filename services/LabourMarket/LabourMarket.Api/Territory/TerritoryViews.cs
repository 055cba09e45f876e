using Platform.Territory;

namespace LabourMarket.Api.Territory;

// What the register's use cases answer; REST serialises these as they are, gRPC maps them to platform.territory.v1.

/// <summary>A unit with its path (names from the voivodeship down to the unit) for telling same-named units apart.</summary>
public sealed record RegisterUnitView(
    string Code, string Name, string DisplayName, string Level, string? Kind, string? ParentCode, string? Description,
    DateOnly? ValidFrom, DateOnly? ValidTo, IReadOnlyList<string> Path);

public sealed record FormerNameView(string Name, DateOnly? ValidFrom, DateOnly ValidTo);

public sealed record UnitRenameView(string Code, string OldName, string NewName);

public sealed record UnitDetailsView(
    RegisterUnitView Unit, bool Current, IReadOnlyList<FormerNameView> FormerNames,
    IReadOnlyDictionary<string, int> Children, IReadOnlyDictionary<string, int> Descendants);

/// <summary>What one import did: the file, the version it produced and every unit it added, renamed, ended or brought back.</summary>
public sealed record RegisterImportReport(
    int Version, bool Changed, string? FileName, DateOnly StateAsOf, string Encoding, int Rows,
    int Added, int Renamed, int Ended, int Reinstated,
    IReadOnlyList<RegisterUnitView> AddedUnits, IReadOnlyList<UnitRenameView> RenamedUnits,
    IReadOnlyList<RegisterUnitView> EndedUnits, IReadOnlyList<RegisterUnitView> ReinstatedUnits,
    IReadOnlyDictionary<string, int> Counts, DateTimeOffset ImportedAt, string? ImportedBy);

public sealed record RegisterImportView(
    int Version, string? FileName, DateOnly StateAsOf, string Encoding, int Rows, int Added, int Renamed, int Ended, int Reinstated,
    DateTimeOffset ImportedAt, string? ImportedBy);

public sealed record RegisterSummaryView(int Version, DateOnly? StateAsOf, IReadOnlyDictionary<string, int> Counts, IReadOnlyList<RegisterImportView> RecentImports);

public static class TerritoryViewMappers
{
    public static RegisterUnitView ToView(this TerritorialUnit u, TerritoryIndex index) =>
        new(u.Code, u.Name, u.DisplayName, u.Level, u.Kind, u.ParentCode, u.Description, u.ValidFrom, u.ValidTo, PathOf(u, index));

    /// <summary>Names from the voivodeship down ("małopolskie", "krakowski", "Skawina"); the country only for itself.</summary>
    private static IReadOnlyList<string> PathOf(TerritorialUnit unit, TerritoryIndex index)
    {
        if (unit.Level == UnitLevels.Country) return [unit.Name];
        var path = index.Path(unit.Code).Where(u => u.Level != UnitLevels.Country).Select(u => u.Name).ToList();
        return path.Count > 0 ? path : [unit.Name];
    }

    /// <summary>Current units per level, from the top down, levels without units left out.</summary>
    public static IReadOnlyDictionary<string, int> CountsByLevel(TerritoryIndex index)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var level in UnitLevels.All)
        {
            if (level == UnitLevels.Country) continue;
            var count = index.CountCurrent(level);
            if (count > 0) counts[level] = count;
        }
        return counts;
    }

    public static IReadOnlyDictionary<string, int> CountsByLevel(IEnumerable<TerritorialUnit> units)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var group in units.GroupBy(u => u.Level).OrderBy(g => Rank(g.Key)))
            counts[group.Key] = group.Count();
        return counts;
    }

    private static int Rank(string level)
    {
        for (var i = 0; i < UnitLevels.All.Count; i++)
            if (UnitLevels.All[i] == level) return i;
        return int.MaxValue;
    }
}
