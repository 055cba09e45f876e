using Platform.Contracts.Labour.V1;
using PupFeed.Csv;

namespace PupFeed.Checks;

/// <summary>
/// What the platform knows (units, indicators, breakdowns), fetched once per run, so every bad row of a
/// file is found before anything is sent. Names are matched too: a clerk may write „kobiety” or
/// „Bezrobotni zarejestrowani” instead of the codes.
/// </summary>
public sealed class ReferenceLists
{
    private readonly HashSet<string> _units;
    private readonly Dictionary<string, IndicatorInfo> _indicators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _breakdowns = new(StringComparer.Ordinal);

    public ReferenceLists(IEnumerable<string> units, ListIndicatorsResponse indicators)
    {
        _units = units.ToHashSet(StringComparer.Ordinal);
        foreach (var i in indicators.Indicators)
        {
            _indicators[i.Code] = i;
            _indicators.TryAdd(ExportReader.Fold(i.Name), i);
        }
        foreach (var b in indicators.Breakdowns)
        {
            _breakdowns[b.Code] = b.Code;
            _breakdowns.TryAdd(ExportReader.Fold(b.Name), b.Code);
        }
    }

    public bool IsUnit(string teryt) => _units.Contains(teryt);

    public IndicatorInfo? Indicator(string text) =>
        _indicators.GetValueOrDefault(text) ?? _indicators.GetValueOrDefault(ExportReader.Fold(text));

    public string? Breakdown(string text) => text.Length == 0
        ? "total"
        : _breakdowns.GetValueOrDefault(text) ?? _breakdowns.GetValueOrDefault(ExportReader.Fold(text));
}
