using Catalogue.Api.Application;

namespace Catalogue.Api.Api.Rest;

/// <summary>Example bodies for the API page, in the data officials write (powiat chrzanowski's strategy).</summary>
internal static class BodyExamples
{
    public static readonly CreateStrategy NewStrategy = new(
        "SRPC-2024-2030", "Strategia Rozwoju Powiatu Chrzanowskiego na lata 2024–2030",
        new OwnerInput("powiat", ["1203"], null), 2024, 2030,
        "Uchwała Nr LXII/412/2023 Rady Powiatu Chrzanowskiego z dnia 28 grudnia 2023 r.",
        "Powiat chrzanowski – miejsce dobrej pracy i dobrego życia.", "Nowoczesny powiat otwarty na inwestorów.", "adopted");

    public static readonly UpdateStrategy ChangedStrategy = new(
        "Strategia Rozwoju Powiatu Chrzanowskiego na lata 2024–2030", new OwnerInput("powiat", ["1203"], null), 2024, 2030,
        "Uchwała Nr LXII/412/2023 Rady Powiatu Chrzanowskiego z dnia 28 grudnia 2023 r.", null, null, "adopted", 3);

    public static readonly CreateNode NewDirection = new(
        Guid.Parse("6f1c2a9e-0b7d-4f3e-9a51-2c8d7e4b1a03"), "direction", "I.1.1",
        "Identyfikacja i uzgodnienie terenów pod strefy aktywności gospodarczej", 1,
        ["Starostwo Powiatowe w Chrzanowie", "Gmina Trzebinia"], false, null, null, null);

    public static readonly UpdateNode ChangedDirection = new(
        "Identyfikacja i uzgodnienie terenów pod strefy aktywności gospodarczej", 1,
        ["Starostwo Powiatowe w Chrzanowie", "Gmina Trzebinia", "Gmina Libiąż"], false, null, null, null, 2);

    public static readonly RecordEntry Entry = new(
        2023, null, null, true, "partial", "CZĘŚCIOWO",
        "Gmina Trzebinia poszerzyła strefę przy węźle autostrady A4; teren włączono do Krakowskiej SSE.",
        "Brak projektu dla całego obszaru funkcjonalnego; gminy działały na własnych obszarach.",
        ["Gmina Trzebinia"], ["https://bip.trzebinia.pl/"], "Wydział Rozwoju Starostwa", 0);

    public const string ImportCsv =
        "strategy_code;strategy_name;owner_kind;owner_units;period_from;period_to;kind;code;parent_code;title;year;status;conclusions\n" +
        "SRPC-2015;Strategia Rozwoju Powiatu Chrzanowskiego na lata 2015–2023;powiat;1203;2015;2023;area;I;;Gospodarka, edukacja i rynek pracy;;;\n" +
        ";;;;;;operational_goal;I.1;I;Rozwój potencjału inwestycyjnego;;;\n" +
        ";;;;;;direction;I.1.1;I.1;Identyfikacja terenów pod strefy aktywności gospodarczej;2023;partial;Gminy realizowały zadania na własnych obszarach.\n";

    /// <summary>The shared document format (snake_case): a strategy of a group of gminy named by word.</summary>
    public static readonly object ImportJson = new Dictionary<string, object>
    {
        ["strategy"] = new Dictionary<string, object>
        {
            ["name"] = "Strategia Rozwoju Powiatu Chrzanowskiego na lata 2015 – 2023", ["period_from"] = 2015, ["period_to"] = 2023,
            ["adopted_by"] = "Uchwała Nr XV/77/2015 Rady Powiatu Chrzanowskiego z dnia 30 grudnia 2015",
            ["territory"] = new Dictionary<string, object> { ["powiat"] = "chrzanowski", ["gminy"] = new[] { "Alwernia", "Babice", "Chrzanów", "Libiąż", "Trzebinia" } },
        },
        ["areas"] = new[] { new Dictionary<string, object> { ["code"] = "I", ["name"] = "Gospodarka, edukacja i rynek pracy", ["strategic_goal"] = "Intensyfikacja rozwoju gospodarczego" } },
        ["operational_goals"] = new[] { new Dictionary<string, object> { ["code"] = "I.1", ["area"] = "I", ["name"] = "Rozwój potencjału inwestycyjnego" } },
        ["directions"] = new[]
        {
            new Dictionary<string, object>
            {
                ["code"] = "I.1.1", ["operational_goal"] = "I.1", ["title"] = "Identyfikacja terenów pod strefy aktywności gospodarczej",
                ["realized"] = "TAK", ["realization_mode"] = "CZĘŚCIOWO", ["conclusions"] = "Gminy realizowały zadania na własnych obszarach.",
            },
        },
    };
}
