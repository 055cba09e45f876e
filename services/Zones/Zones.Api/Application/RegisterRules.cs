using Platform.Territory;

namespace Zones.Api.Application;

/// <summary>
/// What zones ask their copy of the TERYT register (kept by Platform.Territory from labour's events): a zone lies in a
/// current gmina of it, search filters name units of it, and gminy and powiaty are named from it. A zone is a gmina's
/// offer (a SAG is run by the gmina, reports count zones per gmina), so a gmina part, a town part or a city district
/// is not a zone's gmina: the planner is pointed to the gmina instead.
/// </summary>
public static class RegisterRules
{
    public const string NotLoaded = "Rejestr TERYT nie jest jeszcze wczytany (publikuje go usługa rynku pracy); spróbuj ponownie za chwilę.";

    /// <summary>The gmina a zone is written in: a current gmina-level unit of the register.</summary>
    public static void ZoneGmina(ValidationErrors errors, string field, string code, TerritoryIndex register)
    {
        if (!register.IsLoaded)
        {
            errors.Add(field, NotLoaded);
            return;
        }
        var unit = register.Find(code);
        if (unit is null)
            errors.Add(field, $"Nieznana gmina {code}: nie ma jej w rejestrze TERYT.");
        else if (unit.Level != UnitLevels.Gmina)
            errors.Add(field, unit.ParentCode is { } parent && register.Find(parent) is { Level: UnitLevels.Gmina } gmina
                ? $"{code} to {unit.DisplayName}, część gminy; strefę rejestruje się w gminie: {gmina.Code} ({gmina.DisplayName})."
                : $"{code} to {unit.DisplayName}, a nie gmina; podaj 7-cyfrowy kod TERYT gminy.");
        else if (unit.ValidTo is { } ended)
            errors.Add(field, $"Gmina {unit.Name} ({code}) została zniesiona ({ended.AddDays(1):dd.MM.yyyy}); rejestr TERYT nie ma jej wśród obecnych gmin.");
    }

    /// <summary>Filter values: every code a known unit (current or ended: zones recorded in it stay findable) of the level.</summary>
    public static void FilterUnits(ValidationErrors errors, string field, IReadOnlyList<string> codes, string level, TerritoryIndex register)
    {
        if (codes.Count == 0) return;
        if (!register.IsLoaded)
        {
            errors.Add(field, NotLoaded);
            return;
        }
        foreach (var code in codes)
        {
            var unit = register.Find(code);
            if (unit is null) errors.Add(field, $"Nieznany kod TERYT {code}: nie ma go w rejestrze.");
            else if (unit.Level != level) errors.Add(field, $"{code} to {unit.DisplayName}, a nie {LevelName(level)}.");
        }
    }

    /// <summary>Every gmina (current or ended) lying within one of <paramref name="units"/>: the zones a powiat or voivodeship filter admits.</summary>
    public static string[] GminyWithin(TerritoryIndex register, IReadOnlyList<string> units) =>
        [.. register.Units.Where(u => u.Level == UnitLevels.Gmina && units.Any(a => register.IsWithin(u.Code, a))).Select(u => u.Code)];

    /// <summary>The gmina by its register name; the bare code for one the copy does not know (never for a zone written since).</summary>
    public static UnitView Gmina(TerritoryIndex register, string code) => new(code, register.Find(code)?.Name ?? code);

    public static UnitView PowiatOf(TerritoryIndex register, string gmina)
    {
        var code = PowiatCode(register, gmina);
        return new UnitView(code, register.Find(code)?.Name ?? code);
    }

    /// <summary>The gmina's parent in the register; for a code the copy does not know, its first four digits (TERYT codes nest).</summary>
    public static string PowiatCode(TerritoryIndex register, string gmina) =>
        register.Find(gmina)?.ParentCode ?? gmina[..Math.Min(4, gmina.Length)];

    private static string LevelName(string level) => level switch
    {
        UnitLevels.Voivodeship => "województwo",
        UnitLevels.Powiat => "powiat",
        UnitLevels.Gmina => "gmina",
        _ => level,
    };
}
