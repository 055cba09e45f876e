namespace Platform.Territory;

public sealed partial class TerritoryIndex
{
    private readonly Dictionary<string, int[]> _byName;        // folded current name → current units
    private readonly Dictionary<string, int[]> _byFormerName;  // folded former name → current units that had it

    private static readonly string[] PowiatPrefixes = ["powiat ", "pow. "];
    private static readonly string[] PowiatSuffixes = [" (miasto na prawach powiatu)", " - miasto na prawach powiatu", " (powiat)"];
    private static readonly string[] VoivodeshipPrefixes = ["wojewodztwo ", "woj. "];
    private static readonly (string Prefix, string? Kind)[] GminaPrefixes =
    [
        ("gmina miejsko-wiejska ", UnitKinds.UrbanRural), ("gmina miejska ", UnitKinds.Urban),
        ("gmina wiejska ", UnitKinds.Rural), ("gmina ", null), ("gm. ", null),
    ];

    /// <summary>
    /// A current powiat (or city with powiat rights) by name: "chrzanowski", "powiat chrzanowski", "Kraków"; a powiat code
    /// is accepted too. <paramref name="voivodeship"/> (a code or a name, "małopolskie") narrows it — several powiaty share a
    /// name ("brzeski"). A name a powiat had before a rename is used when no current name matches.
    /// </summary>
    public NameResolution ResolvePowiat(string name, string? voivodeship = null)
    {
        if (string.IsNullOrWhiteSpace(name)) return NameResolution.Unknown;
        var scope = -1;
        if (!string.IsNullOrWhiteSpace(voivodeship))
        {
            var voivodeshipUnit = ByCodeOrName(voivodeship, UnitLevels.Voivodeship, VoivodeshipPrefixes);
            if (voivodeshipUnit < 0) return NameResolution.Unknown;
            scope = voivodeshipUnit;
        }
        var folded = Strip(PolishText.Fold(name), PowiatPrefixes);
        foreach (var suffix in PowiatSuffixes)
            if (folded.EndsWith(suffix, StringComparison.Ordinal)) folded = folded[..^suffix.Length];
        return Resolve(name.Trim(), folded, UnitLevels.Powiat, kind: null, scope);
    }

    /// <summary>
    /// A current gmina by name: "Czernichów", "gmina Skawina", "gmina wiejska Bolesławiec" (the kind tells apart an urban
    /// and a rural gmina of one name); a gmina code is accepted too. <paramref name="powiatCode"/> (the code of a powiat or of
    /// any unit containing the gmina) narrows it: "Czernichów" within 1206 is 1206012, without context it is ambiguous.
    /// An unknown <paramref name="powiatCode"/> resolves nothing.
    /// </summary>
    public NameResolution ResolveGmina(string name, string? powiatCode = null)
    {
        if (string.IsNullOrWhiteSpace(name)) return NameResolution.Unknown;
        var scope = -1;
        if (!string.IsNullOrWhiteSpace(powiatCode) && !_position.TryGetValue(powiatCode.Trim(), out scope)) return NameResolution.Unknown;
        var folded = PolishText.Fold(name);
        string? kind = null;
        foreach (var (prefix, prefixKind) in GminaPrefixes)
            if (folded.StartsWith(prefix, StringComparison.Ordinal) && folded.Length > prefix.Length)
            {
                (folded, kind) = (folded[prefix.Length..], prefixKind);
                break;
            }
        return Resolve(name.Trim(), folded, UnitLevels.Gmina, kind, scope);
    }

    private NameResolution Resolve(string raw, string folded, string level, string? kind, int scope)
    {
        if (_position.TryGetValue(raw, out var byCode))
            return _units[byCode].Level == level && (scope < 0 || IsWithin(byCode, scope)) ? NameResolution.Of([_units[byCode]]) : NameResolution.Unknown;

        var found = Candidates(_byName, folded, level, kind, scope);
        if (found.Count == 0) found = Candidates(_byFormerName, folded, level, kind, scope);
        return found.Count == 0 ? NameResolution.Unknown : NameResolution.Of(found);
    }

    private List<TerritorialUnit> Candidates(Dictionary<string, int[]> names, string folded, string level, string? kind, int scope)
    {
        var found = new List<TerritorialUnit>();
        if (!names.TryGetValue(folded, out var units)) return found;
        foreach (var i in units)
            if (_units[i].Level == level && (kind is null || _units[i].Kind == kind) && (scope < 0 || IsWithin(i, scope)))
                found.Add(_units[i]);
        return found;
    }

    private int ByCodeOrName(string value, string level, string[] prefixes)
    {
        if (_position.TryGetValue(value.Trim(), out var i)) return _units[i].Level == level ? i : -1;
        var folded = Strip(PolishText.Fold(value), prefixes);
        var match = -1;
        if (!_byName.TryGetValue(folded, out var units)) return -1;
        foreach (var u in units)
            if (_units[u].Level == level)
            {
                if (match >= 0) return -1; // two of the same name: the caller has to say which
                match = u;
            }
        return match;
    }

    private static string Strip(string folded, string[] prefixes)
    {
        foreach (var prefix in prefixes)
            if (folded.StartsWith(prefix, StringComparison.Ordinal) && folded.Length > prefix.Length)
                return folded[prefix.Length..];
        return folded;
    }

    private static (Dictionary<string, int[]> ByName, Dictionary<string, int[]> ByFormerName) BuildNames(TerritorialUnit[] units, string[] folded)
    {
        var byName = new Dictionary<string, List<int>>(units.Length, StringComparer.Ordinal);
        var byFormer = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < units.Length; i++)
        {
            if (!units[i].IsCurrent) continue;
            Add(byName, folded[i], i);
            foreach (var former in units[i].FormerNames) Add(byFormer, PolishText.Fold(former.Name), i);
        }
        return (byName.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal),
                byFormer.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));

        static void Add(Dictionary<string, List<int>> map, string key, int i)
        {
            if (!map.TryGetValue(key, out var list)) map[key] = list = [];
            if (list.Count == 0 || list[^1] != i) list.Add(i);
        }
    }
}
