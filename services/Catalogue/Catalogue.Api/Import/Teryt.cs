namespace Catalogue.Api.Import;

/// <summary>
/// TERYT codes of the units the shipped documents name by word only (the Chrzanów JSON says
/// "powiat: chrzanowski"). A document naming other units must carry an explicit owner instead.
/// Gmina codes end with the type digit: 2 rural, 3 urban-rural.
/// </summary>
public static class Teryt
{
    public static readonly IReadOnlyDictionary<string, string> Powiaty = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["chrzanowski"] = "1203",
    };

    public static readonly IReadOnlyDictionary<string, string> Gminy = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Alwernia"] = "1203013",
        ["Babice"] = "1203022",
        ["Chrzanów"] = "1203033",
        ["Libiąż"] = "1203043",
        ["Trzebinia"] = "1203053",
    };
}
