using Platform.Text;
using System.Globalization;
using Catalogue.Api.Domain;
using Catalogue.Api.Import;
using Platform.Territory;
using PolishText = Platform.Territory.PolishText;

namespace Catalogue.Api.Application;

/// <summary>
/// The owner of an imported strategy whose document names its territory by word. Each name is looked up in the
/// register within its context — a powiat within the voivodeship, a gmina within the powiat (two gminy of Poland are
/// called Czernichów) — and an unknown or ambiguous name is an error naming its field (and, if ambiguous, the
/// candidates). All gminy of the named powiat make the powiat the owner (the Chrzanów strategy); some of them a
/// group (a functional area: "Blisko Krakowa"); one a gmina. The name is built from the register's names unless the
/// document gives the owner's own.
/// </summary>
public static class TerritoryOwner
{
    public static OwnerInput? Resolve(TerritoryNames names, OwnerInput? given, TerritoryIndex register, ValidationErrors errors)
    {
        var found = new ValidationErrors();
        var owner = ResolveNames(names, given, register, found);
        errors.AddAll(found, field => field);
        return found.Any ? null : owner;
    }

    private static OwnerInput? ResolveNames(TerritoryNames names, OwnerInput? given, TerritoryIndex register, ValidationErrors errors)
    {
        var where = names.Where;
        if (!register.IsLoaded)
        {
            errors.Add(where, RegisterRules.NotLoaded);
            return null;
        }

        TerritorialUnit? voivodeship = null, powiat = null;
        var contextFailed = false;
        if (!string.IsNullOrWhiteSpace(names.Voivodeship))
        {
            voivodeship = Voivodeship(register, names.Voivodeship);
            if (voivodeship is null)
            {
                errors.Add(where + ".voivodeship", $"Nie ma województwa „{Rules.Clip(names.Voivodeship)}” w rejestrze TERYT.");
                contextFailed = true;
            }
        }
        if (!string.IsNullOrWhiteSpace(names.Powiat) && !contextFailed)
        {
            var found = register.ResolvePowiat(names.Powiat, voivodeship?.Code);
            powiat = found.Unit;
            if (powiat is null)
            {
                errors.Add(where + ".powiat", found.IsAmbiguous
                    ? $"„{Rules.Clip(names.Powiat)}” to kilka powiatów: {Candidates(register, found)}. Podaj województwo ({where}.voivodeship)."
                    : $"Nie ma powiatu „{Rules.Clip(names.Powiat)}” w rejestrze TERYT{(voivodeship is null ? "" : $" (szukano w: {voivodeship.DisplayName})")}.");
                contextFailed = true;
            }
        }

        var gminy = new List<TerritorialUnit>();
        var gminaNames = names.Gminy ?? [];
        if (gminaNames.Length > Limits.ListItems) errors.Add(where + ".gminy", $"Najwyżej {PolishFormat.Count(Limits.ListItems, "gmina", "gminy", "gmin")}.");
        else if (!contextFailed)
        {
            var within = powiat ?? voivodeship;
            for (var i = 0; i < gminaNames.Length; i++)
            {
                var field = $"{where}.gminy[{i.ToString(CultureInfo.InvariantCulture)}]";
                var name = gminaNames[i];
                if (string.IsNullOrWhiteSpace(name)) { errors.Add(field, "Pusta nazwa gminy."); continue; }
                var found = register.ResolveGmina(name, within?.Code);
                if (found.Unit is { } gmina)
                {
                    if (gminy.Any(g => g.Code == gmina.Code)) errors.Add(field, $"Gmina {gmina.Name} ({gmina.Code}) podana dwa razy.");
                    else gminy.Add(gmina);
                }
                else if (found.IsAmbiguous)
                    errors.Add(field, $"„{Rules.Clip(name)}” to kilka gmin: {Candidates(register, found)}. Podaj powiat ({where}.powiat).");
                else
                    errors.Add(field, $"Nie ma gminy „{Rules.Clip(name)}” w rejestrze TERYT{(within is null ? "" : $" (szukano w: {within.DisplayName})")}.");
            }
        }
        if (errors.Any) return null;

        var (kind, units) = OwnerOf(register, voivodeship, powiat, gminy);
        if (kind is null) return null; // nothing named: the owner check asks for the owner
        // A kind the document asks for takes the units of that level it named; what still does not fit, the owner check names.
        if (given?.Kind is { } asked && asked != kind)
            (kind, units) = asked switch
            {
                OwnerKinds.Voivodeship when voivodeship is not null => (asked, [voivodeship]),
                OwnerKinds.Powiat when powiat is not null => (asked, [powiat]),
                OwnerKinds.Group or OwnerKinds.Gmina when gminy.Count > 0 => (asked, gminy),
                _ => (asked, units),
            };
        var ownerName = !string.IsNullOrWhiteSpace(given?.Name) ? given.Name : NameOf(kind, units, names.Name);
        return new OwnerInput(kind, [.. units.Select(u => u.Code)], ownerName);
    }

    private static (string? Kind, IReadOnlyList<TerritorialUnit> Units) OwnerOf(
        TerritoryIndex register, TerritorialUnit? voivodeship, TerritorialUnit? powiat, List<TerritorialUnit> gminy)
    {
        if (gminy.Count > 0)
        {
            // The powiat and every one of its gminy (the Chrzanów document lists all five): the powiat's own strategy.
            if (powiat is not null && register.Descendants(powiat.Code, UnitLevels.Gmina).Select(g => g.Code).ToHashSet().SetEquals(gminy.Select(g => g.Code)))
                return (OwnerKinds.Powiat, [powiat]);
            return gminy.Count == 1 ? (OwnerKinds.Gmina, gminy) : (OwnerKinds.Group, gminy);
        }
        if (powiat is not null) return (OwnerKinds.Powiat, [powiat]);
        if (voivodeship is not null) return (OwnerKinds.Voivodeship, [voivodeship]);
        return (null, []);
    }

    /// <summary>"Powiat chrzanowski", "Gmina Skawina", "Blisko Krakowa: Czernichów, Liszki, …".</summary>
    private static string NameOf(string kind, IReadOnlyList<TerritorialUnit> units, string? groupName)
    {
        if (kind != OwnerKinds.Group) return Capitalized(units[0].DisplayName);
        var prefix = string.IsNullOrWhiteSpace(groupName) ? "Gminy" : groupName.Trim();
        var name = $"{prefix}: {string.Join(", ", units.Select(u => u.Name))}";
        return name.Length <= Limits.Name ? name : $"{Rules.Clip(prefix)}: {units.Count} gmin";
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Candidates(TerritoryIndex register, NameResolution found) =>
        string.Join("; ", found.Candidates.Select(register.Describe));

    // The register has 16 voivodeships; a name ("małopolskie", "województwo małopolskie") or a code ("12").
    private static TerritorialUnit? Voivodeship(TerritoryIndex register, string text)
    {
        var folded = PolishText.Fold(text);
        foreach (var prefix in (string[])["wojewodztwo ", "woj. "])
            if (folded.StartsWith(prefix, StringComparison.Ordinal)) folded = folded[prefix.Length..];
        return register.Children(TerritorialUnit.RootCode)
            .FirstOrDefault(v => v.Code == text.Trim() || PolishText.Fold(v.Name) == folded);
    }
}
