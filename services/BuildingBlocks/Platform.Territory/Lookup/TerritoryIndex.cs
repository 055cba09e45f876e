namespace Platform.Territory;

/// <summary>
/// The register in memory for lookups, built once per register version and immutable (safe to share between threads).
/// Units are held in arrays in code order; codes map to positions, each unit keeps its ancestors, so Exists/Find/IsWithin
/// cost a dictionary look-up and a few comparisons — cheap enough for every row of a large feed.
/// </summary>
public sealed partial class TerritoryIndex
{
    private const int MaxDepth = 16; // the register has 5 levels; deeper means a parent cycle in bad data

    private readonly TerritorialUnit[] _units;
    private readonly Dictionary<string, int> _position;
    private readonly int[][] _ancestors;   // root first, the unit itself excluded
    private readonly int[][] _children;    // in code order
    private readonly Dictionary<string, int> _currentPerLevel;

    public static TerritoryIndex Empty { get; } = Build([]);

    public int Version { get; }
    public DateOnly? StateAsOf { get; }

    /// <summary>Every unit, current and ended, "PL" first then in code order.</summary>
    public IReadOnlyList<TerritorialUnit> Units => _units;

    /// <summary>False while only the synthetic root is there: a copy whose register the owner has not published yet.</summary>
    public bool IsLoaded => Units.Count > 1;

    /// <summary>Indexes <paramref name="units"/> (later duplicates of a code are ignored; the "PL" root is added if missing).</summary>
    public static TerritoryIndex Build(IEnumerable<TerritorialUnit> units, int version = 0, DateOnly? stateAsOf = null)
    {
        ArgumentNullException.ThrowIfNull(units);
        return new TerritoryIndex(units, version, stateAsOf);
    }

    private TerritoryIndex(IEnumerable<TerritorialUnit> units, int version, DateOnly? stateAsOf)
    {
        Version = version;
        StateAsOf = stateAsOf;
        var list = new List<TerritorialUnit>(units is ICollection<TerritorialUnit> c ? c.Count + 1 : 4500);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var unit in units)
            if (seen.Add(unit.Code)) list.Add(unit);
        if (!seen.Contains(TerritorialUnit.RootCode)) list.Add(TerritorialUnit.Root);
        list.Sort(RegisterUpdate.ByCode);
        _units = [.. list];

        var n = _units.Length;
        _position = new Dictionary<string, int>(n, StringComparer.Ordinal);
        for (var i = 0; i < n; i++) _position[_units[i].Code] = i;

        var parent = new int[n];
        var childCount = new int[n];
        for (var i = 0; i < n; i++)
        {
            parent[i] = _units[i].ParentCode is { } p && _position.TryGetValue(p, out var pi) && pi != i ? pi : -1;
            if (parent[i] >= 0) childCount[parent[i]]++;
        }
        _children = new int[n][];
        for (var i = 0; i < n; i++) _children[i] = childCount[i] == 0 ? [] : new int[childCount[i]];
        var filled = new int[n];
        for (var i = 0; i < n; i++) // i ascends, so children end up in code order
            if (parent[i] >= 0) _children[parent[i]][filled[parent[i]]++] = i;

        _ancestors = new int[n][];
        Span<int> chain = stackalloc int[MaxDepth];
        for (var i = 0; i < n; i++)
        {
            var depth = 0;
            for (var a = parent[i]; a >= 0 && depth < MaxDepth; a = parent[a]) chain[depth++] = a;
            var ancestors = new int[depth];
            for (var d = 0; d < depth; d++) ancestors[d] = chain[depth - 1 - d];
            _ancestors[i] = ancestors;
        }

        _currentPerLevel = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var unit in _units)
            if (unit.IsCurrent) _currentPerLevel[unit.Level] = _currentPerLevel.GetValueOrDefault(unit.Level) + 1;

        (_folded, _wordStarts, _foldedDisplay, _levelRank) = BuildSearch(_units);
        (_byName, _byFormerName) = BuildNames(_units, _folded);
    }

    /// <summary>Current units of a level (<see cref="UnitLevels"/>).</summary>
    public int CountCurrent(string level) => _currentPerLevel.GetValueOrDefault(level);

    /// <summary>The unit with this code, ended ones included; null when unknown.</summary>
    public TerritorialUnit? Find(string code) => code is not null && _position.TryGetValue(code, out var i) ? _units[i] : null;

    /// <summary>Whether the code is in the register (current or ended).</summary>
    public bool Exists(string code) => code is not null && _position.ContainsKey(code);

    public IReadOnlyList<TerritorialUnit> Children(string code, bool currentOnly = true)
    {
        if (code is null || !_position.TryGetValue(code, out var i)) return [];
        var result = new List<TerritorialUnit>(_children[i].Length);
        foreach (var child in _children[i])
            if (!currentOnly || _units[child].IsCurrent) result.Add(_units[child]);
        return result;
    }

    /// <summary>Current units below <paramref name="code"/> (not itself), of one level if given; e.g. all gminy of a voivodeship.</summary>
    public IReadOnlyList<TerritorialUnit> Descendants(string code, string? level = null)
    {
        if (code is null || !_position.TryGetValue(code, out var i)) return [];
        var result = new List<TerritorialUnit>();
        var stack = new Stack<int>();
        for (var c = _children[i].Length - 1; c >= 0; c--) stack.Push(_children[i][c]);
        while (stack.Count > 0)
        {
            var u = stack.Pop();
            var unit = _units[u];
            if (unit.IsCurrent && (level is null || unit.Level == level)) result.Add(unit);
            for (var c = _children[u].Length - 1; c >= 0; c--) stack.Push(_children[u][c]);
        }
        return result;
    }

    /// <summary>Whether <paramref name="code"/> is <paramref name="ancestorCode"/> or lies below it ("PL" contains every unit).
    /// False when either is unknown.</summary>
    public bool IsWithin(string code, string ancestorCode)
    {
        if (code is null || ancestorCode is null
            || !_position.TryGetValue(code, out var i) || !_position.TryGetValue(ancestorCode, out var a)) return false;
        return IsWithin(i, a);
    }

    private bool IsWithin(int unit, int ancestor)
    {
        if (unit == ancestor) return true;
        foreach (var x in _ancestors[unit])
            if (x == ancestor) return true;
        return false;
    }

    /// <summary>From the root down to the unit itself ("PL", "12", "1206", "1206113"); empty when unknown.</summary>
    public IReadOnlyList<TerritorialUnit> Path(string code)
    {
        if (code is null || !_position.TryGetValue(code, out var i)) return [];
        var path = new TerritorialUnit[_ancestors[i].Length + 1];
        for (var d = 0; d < _ancestors[i].Length; d++) path[d] = _units[_ancestors[i][d]];
        path[^1] = _units[i];
        return path;
    }
}
