namespace LabourMarket.Api.Domain;

/// <summary>
/// A unit of the TERYT register: the country ("PL"), a voivodeship (2 digits), a powiat (4), a gmina
/// (7: 6 digits and the gmina-type digit 1 urban, 2 rural, 3 urban-rural) or, where the PUP reports
/// them, the town (4) and rural (5) parts of an urban-rural gmina.
/// </summary>
public sealed class TerritorialUnit
{
    public string Teryt { get; set; } = "";
    public string Name { get; set; } = "";
    public string Level { get; set; } = "";
    public string? Kind { get; set; }
    public string? ParentTeryt { get; set; }
}

public static class UnitLevels
{
    public static readonly string[] All = ["country", "voivodeship", "powiat", "gmina", "gmina_part"];
    public static readonly string[] Kinds = ["urban", "rural", "urban_rural", "town_part", "rural_part"];
}
