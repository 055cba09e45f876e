using Platform.Territory;

namespace Reporting.Api.Application;

/// <summary>
/// How a report names territorial units and finds the gminy of a territory: from the copy of the TERYT register
/// (kept from labour's events), never a list of its own. A code the copy does not know (not loaded yet) shows as itself.
/// </summary>
public static class UnitNames
{
    /// <summary>A unit named on its own, in headings and sentences: "powiat chrzanowski", "gmina Trzebinia".</summary>
    public static string Display(ReportSnapshot data, string code) => data.Register.Find(code)?.DisplayName ?? code;

    /// <summary>The bare name, in a column that already says the level ("Gmina"): "Trzebinia".</summary>
    public static string Name(ReportSnapshot data, string code) => data.Register.Find(code)?.Name ?? code;

    /// <summary>The current gminy of the units: a gmina itself, every gmina of a powiat or voivodeship.</summary>
    public static IEnumerable<string> GminyOf(ReportSnapshot data, IEnumerable<string> units) =>
        units.SelectMany(code => data.Register.Find(code) is { Level: UnitLevels.Gmina }
                ? [code]
                : data.Register.Descendants(code, UnitLevels.Gmina).Select(g => g.Code))
            .Distinct();

    /// <summary>Whether the code is a gmina of the register lying within <paramref name="unit"/> (not the unit itself).</summary>
    public static bool IsGminaWithin(ReportSnapshot data, string code, string unit) =>
        code != unit && data.Register.Find(code) is { Level: UnitLevels.Gmina } && data.Register.IsWithin(code, unit);
}
