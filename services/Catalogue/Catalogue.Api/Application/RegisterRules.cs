using Platform.Text;
using Catalogue.Api.Domain;
using Platform.Territory;

namespace Catalogue.Api.Application;

/// <summary>
/// What the catalogue asks its copy of the TERYT register (kept by Platform.Territory from labour's events):
/// owners must be units of it, and a territory filter reaches the units above and below the one asked for.
/// </summary>
public static class RegisterRules
{
    public const string NotLoaded = "Rejestr TERYT nie jest jeszcze wczytany (publikuje go usługa rynku pracy); spróbuj ponownie za chwilę.";

    /// <summary>The owner: a known kind, a name, and units of the register that fit the kind (several only for a group).</summary>
    public static void Owner(ValidationErrors errors, OwnerInput? owner, TerritoryIndex register, string prefix = "")
    {
        if (owner is null)
        {
            errors.Add(prefix + "owner", "Pole jest wymagane.");
            return;
        }
        var kindKnown = owner.Kind is not null && OwnerKinds.All.Contains(owner.Kind);
        if (!kindKnown) errors.Add(prefix + "owner.kind", $"Dozwolone wartości: {string.Join(", ", OwnerKinds.All)}.");
        errors.Required(prefix + "owner.name", owner.Name, Limits.Name);
        if (owner.Units is null || owner.Units.Length == 0)
        {
            errors.Add(prefix + "owner.units", "Podaj co najmniej jeden kod TERYT.");
            return;
        }
        if (owner.Kind != OwnerKinds.Group && owner.Units.Length > 1)
            errors.Add(prefix + "owner.units", "Wiele jednostek tylko dla właściciela typu group.");
        if (owner.Units.Length > Limits.ListItems) errors.Add(prefix + "owner.units", $"Najwyżej {PolishFormat.Count(Limits.ListItems, "jednostka", "jednostki", "jednostek")}.");

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < owner.Units.Length; i++)
        {
            var field = $"{prefix}owner.units[{i}]";
            var code = owner.Units[i];
            if (!Rules.IsTeryt(code)) errors.Add(field, "Kod TERYT to 2, 4 lub 7 cyfr.");
            else if (!register.IsLoaded)
            {
                errors.Add(prefix + "owner.units", NotLoaded);
                return;
            }
            else if (register.Find(code) is not { } unit) errors.Add(field, $"Nieznany kod TERYT {code}: nie ma go w rejestrze.");
            else if (!seen.Add(code)) errors.Add(field, $"Jednostka {code} podana dwa razy.");
            else if (kindKnown && !Fits(owner.Kind!, unit))
                errors.Add(field, $"{code} to {unit.DisplayName}, a nie jednostka właściciela typu {owner.Kind}.");
        }
    }

    /// <summary>A unit an indicator is measured for: a code of the register.</summary>
    public static void Unit(ValidationErrors errors, string field, string? code, TerritoryIndex register)
    {
        if (!Rules.IsTeryt(code)) errors.Add(field, "Kod TERYT to 2, 4 lub 7 cyfr.");
        else if (!register.IsLoaded) errors.Add(field, NotLoaded);
        else if (!register.Exists(code!)) errors.Add(field, $"Nieznany kod TERYT {code}: nie ma go w rejestrze.");
    }

    /// <summary>
    /// The owner units a strategy "touching" <paramref name="code"/> has one of: the unit itself, the units above it
    /// (a gmina is covered by its powiat's and voivodeship's strategies) and every unit below it, ended ones too (a
    /// powiat lists its gminy's strategies). Null for "PL" (everything); errors for an unknown code.
    /// </summary>
    public static string[]? Touching(ValidationErrors errors, string field, string code, TerritoryIndex register)
    {
        if (!register.IsLoaded)
        {
            errors.Add(field, NotLoaded);
            return null;
        }
        if (!register.Exists(code))
        {
            errors.Add(field, $"Nieznany kod TERYT {Rules.Clip(code)}: nie ma go w rejestrze.");
            return null;
        }
        if (code == TerritorialUnit.RootCode) return null;
        var codes = register.Path(code).Select(u => u.Code).Where(c => c != TerritorialUnit.RootCode).ToHashSet(StringComparer.Ordinal);
        foreach (var unit in register.Units)
            if (register.IsWithin(unit.Code, code)) codes.Add(unit.Code);
        return [.. codes];
    }

    /// <summary>"gmina Czernichów (1206012, powiat krakowski, woj. małopolskie)": enough to tell apart units of one name.</summary>
    public static string Describe(this TerritoryIndex register, TerritorialUnit unit)
    {
        var context = register.Path(unit.Code)
            .Where(u => u.Code != unit.Code && u.Level is UnitLevels.Powiat or UnitLevels.Voivodeship)
            .Reverse()
            .Select(u => u.Level == UnitLevels.Voivodeship ? "woj. " + u.Name : u.DisplayName);
        return $"{unit.DisplayName} ({string.Join(", ", [unit.Code, .. context])})";
    }

    // A gmina's strategy may be of a part of it or a city district (any unit at the gmina tier); a group mixes any units.
    private static bool Fits(string kind, TerritorialUnit unit) => kind switch
    {
        OwnerKinds.Voivodeship => unit.Level == UnitLevels.Voivodeship,
        OwnerKinds.Powiat => unit.Level == UnitLevels.Powiat,
        OwnerKinds.Gmina => unit.Level is UnitLevels.Gmina or UnitLevels.GminaPart or UnitLevels.District,
        _ => unit.Level != UnitLevels.Country,
    };
}
