namespace Platform.Territory;

/// <summary>
/// Merges a TERC file into the register, keeping history so data recorded for a unit stays valid: a unit missing from a
/// later file (state D) ends on D-1 and stays in the register; a new one starts on D; a renamed one keeps its former name
/// (valid until D-1); a unit that reappears is reinstated. The first file loaded gives every unit ValidFrom null.
/// </summary>
public static class RegisterUpdate
{
    /// <param name="current">The register as stored (empty before the first load).</param>
    /// <param name="currentStateAsOf">The state date of the last file loaded; a file older than that is refused.</param>
    public static RegisterChanges Apply(IReadOnlyCollection<TerritorialUnit> current, TercSnapshot snapshot, DateOnly? currentStateAsOf)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(snapshot);
        var day = snapshot.StateAsOf;
        if (currentStateAsOf is { } registerDay && day < registerDay)
            throw new TercFormatException([new TercError(snapshot.Units.FirstOrDefault(u => u.Line > 0)?.Line ?? 2, "STAN_NA",
                $"Plik ma stan na {day:yyyy-MM-dd}, a rejestr ma już stan na {registerDay:yyyy-MM-dd}; wczytaj nowszy plik.")]);

        var firstLoad = current.All(u => u.Code == TerritorialUnit.RootCode);
        var dayBefore = day.AddDays(-1);
        var known = new Dictionary<string, TerritorialUnit>(current.Count, StringComparer.Ordinal);
        foreach (var unit in current) known[unit.Code] = unit;

        var units = new List<TerritorialUnit>(Math.Max(current.Count, snapshot.Units.Count) + 8);
        List<TerritorialUnit> added = [], ended = [], reinstated = [];
        List<UnitRename> renamed = [];
        var inFile = new HashSet<string>(snapshot.Units.Count, StringComparer.Ordinal);
        foreach (var row in snapshot.Units)
        {
            if (!inFile.Add(row.Code)) continue; // TercFile never yields duplicates; a hand-made snapshot keeps its first
            if (row.Code == TerritorialUnit.RootCode)
            {
                units.Add(known.GetValueOrDefault(row.Code) ?? TerritorialUnit.Root);
                continue;
            }
            if (!known.TryGetValue(row.Code, out var before))
            {
                var unit = new TerritorialUnit(row.Code, row.Name, row.Level, row.Kind, row.ParentCode, row.Description,
                    firstLoad ? null : day, null, []);
                units.Add(unit);
                added.Add(unit);
                continue;
            }
            units.Add(Merge(before, row, dayBefore, renamed, reinstated));
        }
        if (!inFile.Contains(TerritorialUnit.RootCode)) units.Add(known.GetValueOrDefault(TerritorialUnit.RootCode) ?? TerritorialUnit.Root);

        foreach (var unit in current)
        {
            if (inFile.Contains(unit.Code) || unit.Code == TerritorialUnit.RootCode) continue;
            if (!unit.IsCurrent)
            {
                units.Add(unit);
                continue;
            }
            var endedUnit = unit with { ValidTo = dayBefore };
            units.Add(endedUnit);
            ended.Add(endedUnit);
        }

        units.Sort(ByCode);
        return new RegisterChanges(units, added, renamed, ended, reinstated);
    }

    private static TerritorialUnit Merge(TerritorialUnit before, TercUnit row, DateOnly dayBefore,
        List<UnitRename> renamed, List<TerritorialUnit> reinstated)
    {
        var formerNames = before.FormerNames;
        if (before.Name != row.Name)
        {
            renamed.Add(new UnitRename(row.Code, before.Name, row.Name));
            var nameFrom = before.FormerNames.Count > 0 ? before.FormerNames[^1].ValidTo.AddDays(1) : before.ValidFrom;
            var nameTo = before.ValidTo is { } end && end < dayBefore ? end : dayBefore;
            // A corrected file of the same state: the replaced name never held, so it is not history.
            if (nameFrom is null || nameFrom <= nameTo) formerNames = [.. before.FormerNames, new FormerName(before.Name, nameFrom, nameTo)];
        }

        var after = new TerritorialUnit(row.Code, row.Name, row.Level, row.Kind, row.ParentCode, row.Description,
            before.ValidFrom, null, formerNames);
        if (!before.IsCurrent) reinstated.Add(after);
        return Same(before, after) ? before : after;
    }

    private static bool Same(TerritorialUnit a, TerritorialUnit b) =>
        a.Name == b.Name && a.Level == b.Level && a.Kind == b.Kind && a.ParentCode == b.ParentCode
        && a.Description == b.Description && a.ValidFrom == b.ValidFrom && a.ValidTo == b.ValidTo
        && ReferenceEquals(a.FormerNames, b.FormerNames);

    /// <summary>"PL" first, then codes in ordinal order (a voivodeship before its powiaty, a powiat before its gminy).</summary>
    internal static int ByCode(TerritorialUnit a, TerritorialUnit b) =>
        a.Code == TerritorialUnit.RootCode ? (b.Code == TerritorialUnit.RootCode ? 0 : -1)
        : b.Code == TerritorialUnit.RootCode ? 1
        : string.CompareOrdinal(a.Code, b.Code);
}
