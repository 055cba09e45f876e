using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Catalogue.Api.Import;

namespace Catalogue.Tests;

/// <summary>The shipped Chrzanów JSON (the service's embedded copy) and a second, differently shaped strategy in CSV.</summary>
public static class TestData
{
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static string ChrzanowJson()
    {
        using var stream = DemoDataImporter.OpenDemoJson();
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static JsonElement ChrzanowDocument() => JsonDocument.Parse(ChrzanowJson()).RootElement.Clone();

    /// <summary>
    /// "Blisko Krakowa"-like: goals numbered 4 and 5, operational goals 4.2, 5.1, directions 4.2.1 …
    /// — a depth of three with no areas, with implementers, weights and yearly entries.
    /// </summary>
    public const string BliskoKrakowaCsv = """
        strategy_code;strategy_name;owner_kind;owner_units;owner_name;period_from;period_to;kind;code;parent_code;title;implementers;area_wide;weight;year;status;status_text;conclusions
        blisko-krakowa-2030;Zintegrowana strategia „Blisko Krakowa” 2021–2030;group;1206012|1206072|1206092|1206113|1206143;Stowarzyszenie Blisko Krakowa;2021;2030;strategic_goal;4;;Współpraca i spójność;;;;;;;
        ;;;;;;;operational_goal;4.2;4;Rozwój przedsiębiorczości w Libiążu i okolicach;;;;;;;
        ;;;;;;;direction;4.2.1;4.2;Inkubator przedsiębiorczości w Libiążu;JST|PUP;tak;2;2022;completed;;Otwarto inkubator
        ;;;;;;;direction;4.2.1;4.2;Inkubator przedsiębiorczości w Libiążu;JST|PUP;tak;2;2023;continuous;;
        ;;;;;;;direction;4.2.2;4.2;Szkolenia dla zakładających firmy;PUP|NGO;nie;1;2022;;W TRAKCIE REALIZACJI;Szkolenia trwają
        ;;;;;;;direction;4.2.3;4.2;Drogi dojazdowe do strefy aktywności gospodarczej;zarząd dróg;nie;;2022;;BRAK REALIZACJI;
        ;;;;;;;operational_goal;5.1;;Ochrona środowiska;;;;;;;
        ;;;;;;;direction;5.1.4;5.1;Wymiana pieców w Trzebini i Łące;JST|NGO;nie;;;;;
        """;

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
    public static StringContent Csv(string csv) => new(csv, Encoding.UTF8, "text/csv");

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (text.Length == 0) throw new Xunit.Sdk.XunitException($"{(int)response.StatusCode} with an empty body");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Imports the Chrzanów strategy once per fixture (per test class) and returns its report.</summary>
    public static async Task<JsonElement> ImportChrzanowAsync(HttpClient client)
    {
        using var response = await client.PostAsync("api/v1/catalogue/strategies/import", Json(ChrzanowJson()));
        var body = await response.ReadJsonAsync();
        if (!response.IsSuccessStatusCode) throw new Xunit.Sdk.XunitException($"import failed: {response.StatusCode} {body}");
        return body;
    }
}
