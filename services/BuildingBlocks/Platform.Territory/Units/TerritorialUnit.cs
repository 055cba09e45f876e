namespace Platform.Territory;

/// <summary>
/// A unit of the register. Codes: "PL" (country, synthetic root), voivodeship "12", powiat "1203", gmina, its parts and
/// city districts 7 digits WOJ+POW+GMI+RODZ ("1203033", "1261011", "1261029"). Parent: voivodeship→"PL",
/// powiat→voivodeship, gmina→powiat, gmina part→its urban-rural gmina, district/delegation→the city's gmina.
/// Name as in TERC NAZWA, except voivodeships in lower case ("małopolskie"); Description = NAZWA_DOD.
/// ValidFrom null = present since the first file loaded; ValidTo null = current.
/// </summary>
public sealed record TerritorialUnit(
    string Code,
    string Name,
    string Level,
    string? Kind,
    string? ParentCode,
    string? Description,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    IReadOnlyList<FormerName> FormerNames)
{
    public const string RootCode = "PL";

    /// <summary>The synthetic root every voivodeship hangs from.</summary>
    public static TerritorialUnit Root { get; } = new(RootCode, "Polska", UnitLevels.Country, null, null, null, null, null, []);

    public bool IsCurrent => ValidTo is null;

    public bool IsValidOn(DateOnly day) => (ValidFrom is null || ValidFrom <= day) && (ValidTo is null || day <= ValidTo);

    /// <summary>How a Polish reader names the unit: "województwo małopolskie", "powiat krakowski", "gmina Skawina",
    /// "Skawina – miasto", "Kraków (miasto na prawach powiatu)", "Kraków-Nowa Huta (delegatura)".</summary>
    public string DisplayName => (Level, Kind) switch
    {
        (UnitLevels.Voivodeship, _) => "województwo " + Name,
        (UnitLevels.Powiat, UnitKinds.CityWithPowiatRights) => Name + " (miasto na prawach powiatu)",
        (UnitLevels.Powiat, _) => "powiat " + Name,
        (UnitLevels.Gmina, _) => "gmina " + Name,
        (_, UnitKinds.TownPart) => Name + " – miasto",
        (_, UnitKinds.RuralPart) => Name + " – obszar wiejski",
        (_, UnitKinds.WarsawDistrict) => Name + " (dzielnica)",
        (_, UnitKinds.CityDelegation) => Name + " (delegatura)",
        _ => Name,
    };
}

/// <summary>A name the unit had before a later file renamed it; ValidFrom null = since the first file loaded.</summary>
public sealed record FormerName(string Name, DateOnly? ValidFrom, DateOnly ValidTo);
