namespace Platform.Territory;

public sealed partial class TerritoryIndex
{
    private readonly string[] _folded;         // PolishText.Fold(Name)
    private readonly int[][] _wordStarts;      // where the 2nd, 3rd… word of the folded name starts
    private readonly string[] _foldedDisplay;  // PolishText.Fold(DisplayName): "gmina skawina", "powiat krakowski"
    private readonly int[] _levelRank;         // a gmina before its parts and districts

    private enum Match { ExactName, NamePrefix, WordPrefix, DisplayPrefix }

    /// <summary>
    /// Current units matching what a person types: an exact code or a code prefix ("1206"), or — case, diacritics and
    /// spacing aside — the name, a prefix of it, a prefix of one of its words ("skaw" → Skawina, "nowa h" →
    /// Kraków-Nowa Huta) or of the display name ("powiat krak"). Ranked exact name, name prefix, word prefix, display
    /// prefix; then shorter names, and a unit before its parts. Optionally of one level and within one unit.
    /// </summary>
    public IReadOnlyList<TerritorialUnit> Search(string text, string? level = null, string? within = null, int limit = 20)
    {
        if (string.IsNullOrWhiteSpace(text) || limit <= 0) return [];
        var scope = -1;
        if (within is not null && !_position.TryGetValue(within, out scope)) return [];
        var query = PolishText.Fold(text);

        bool Eligible(int i) => _units[i].IsCurrent && (level is null || _units[i].Level == level) && (scope < 0 || IsWithin(i, scope));

        if (IsCodeQuery(query))
        {
            var codes = new List<TerritorialUnit>();
            for (var i = 0; i < _units.Length && codes.Count < limit; i++)
                if (_units[i].Code.StartsWith(query, StringComparison.OrdinalIgnoreCase) && Eligible(i)) codes.Add(_units[i]);
            return codes; // code order puts the exact code first
        }

        var hits = new List<(Match Match, int Index)>();
        for (var i = 0; i < _units.Length; i++)
        {
            var match = MatchOf(i, query);
            if (match is { } m && Eligible(i)) hits.Add((m, i));
        }
        hits.Sort((x, y) =>
        {
            var c = x.Match.CompareTo(y.Match);
            if (c == 0) c = _folded[x.Index].Length.CompareTo(_folded[y.Index].Length);
            if (c == 0) c = string.CompareOrdinal(_folded[x.Index], _folded[y.Index]);
            if (c == 0) c = _levelRank[x.Index].CompareTo(_levelRank[y.Index]);
            return c != 0 ? c : x.Index.CompareTo(y.Index);
        });
        var result = new TerritorialUnit[Math.Min(limit, hits.Count)];
        for (var r = 0; r < result.Length; r++) result[r] = _units[hits[r].Index];
        return result;
    }

    private Match? MatchOf(int i, string query)
    {
        var name = _folded[i];
        if (name.StartsWith(query, StringComparison.Ordinal)) return name.Length == query.Length ? Match.ExactName : Match.NamePrefix;
        foreach (var start in _wordStarts[i])
            if (name.AsSpan(start).StartsWith(query, StringComparison.Ordinal)) return Match.WordPrefix;
        return _foldedDisplay[i].StartsWith(query, StringComparison.Ordinal) ? Match.DisplayPrefix : null;
    }

    private static bool IsCodeQuery(string query) =>
        query == "pl" || query.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;

    private static (string[] Folded, int[][] WordStarts, string[] FoldedDisplay, int[] LevelRank) BuildSearch(TerritorialUnit[] units)
    {
        var folded = new string[units.Length];
        var wordStarts = new int[units.Length][];
        var display = new string[units.Length];
        var levelRank = new int[units.Length];
        var starts = new List<int>(4);
        for (var i = 0; i < units.Length; i++)
        {
            var name = folded[i] = PolishText.Fold(units[i].Name);
            starts.Clear();
            for (var p = 1; p < name.Length; p++)
                if (name[p - 1] is ' ' or '-' or '(' or '.' or '/' && name[p] is not (' ' or '-')) starts.Add(p);
            wordStarts[i] = starts.Count == 0 ? [] : [.. starts];
            display[i] = PolishText.Fold(units[i].DisplayName);
            levelRank[i] = LevelRank(units[i].Level);
        }
        return (folded, wordStarts, display, levelRank);
    }

    private static int LevelRank(string level) => level switch
    {
        UnitLevels.Country => 0,
        UnitLevels.Voivodeship => 1,
        UnitLevels.Powiat => 2,
        UnitLevels.Gmina => 3,
        UnitLevels.District => 4,
        UnitLevels.GminaPart => 5,
        _ => 6,
    };
}
