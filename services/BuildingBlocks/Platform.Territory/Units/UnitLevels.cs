namespace Platform.Territory;

/// <summary>Levels of the register, as stored and sent (strings so a copy or an event never needs an enum mapping).</summary>
public static class UnitLevels
{
    public const string Country = "country";
    public const string Voivodeship = "voivodeship";
    public const string Powiat = "powiat";
    public const string Gmina = "gmina";
    public const string GminaPart = "gmina_part";
    public const string District = "district";

    /// <summary>From the root down.</summary>
    public static IReadOnlyList<string> All { get; } = [Country, Voivodeship, Powiat, Gmina, GminaPart, District];
}

/// <summary>Kinds of powiaty and gminy; the TERC RODZ digit each stands for is noted.</summary>
public static class UnitKinds
{
    public const string CityWithPowiatRights = "city_with_powiat_rights";
    public const string Powiat = "powiat";
    /// <summary>RODZ 1.</summary>
    public const string Urban = "urban";
    /// <summary>RODZ 2.</summary>
    public const string Rural = "rural";
    /// <summary>RODZ 3.</summary>
    public const string UrbanRural = "urban_rural";
    /// <summary>RODZ 4: the town of an urban-rural gmina.</summary>
    public const string TownPart = "town_part";
    /// <summary>RODZ 5: the rural area of an urban-rural gmina.</summary>
    public const string RuralPart = "rural_part";
    /// <summary>RODZ 8: a district (dzielnica) of Warsaw.</summary>
    public const string WarsawDistrict = "warsaw_district";
    /// <summary>RODZ 9: a delegation (delegatura) of a large city.</summary>
    public const string CityDelegation = "city_delegation";

    public static IReadOnlyList<string> All { get; } =
        [CityWithPowiatRights, Powiat, Urban, Rural, UrbanRural, TownPart, RuralPart, WarsawDistrict, CityDelegation];
}
