namespace EndToEnd.Tests.Fuzz;

/// <summary>Well-formed bodies of the public write endpoints: the material the fuzzer mutates.</summary>
public static class Samples
{
    public const string Zone = """
        {"name":"Strefa E2E","gminaTeryt":"1203053","kind":"industrial","state":"available","totalAreaHa":39.6,"availableAreaHa":5,
         "yearEstablished":2010,"psiEligible":false,"utilities":{"water":"available","gas":"planned"},"railwaySiding":false,"ownership":"gmina",
         "priceMinPlnM2":50,"priceMaxPlnM2":80,"contact":{"name":"Urząd","email":"strefy@example.pl"},"description":"opis",
         "boundary":{"type":"Polygon","coordinates":[[[19.40,50.10],[19.41,50.10],[19.41,50.11],[19.40,50.10]]]},"approximateBoundary":false}
        """;

    public const string Plot = """{"parcelId":"120305_5.0001.123/4","areaHa":1.5,"state":"available","expectedVersion":1}""";

    public const string Entry = """
        {"year":2023,"realized":true,"status":"continuous","statusText":"realizowane","description":"opis działań","conclusions":"wnioski",
         "implementers":["Gmina Trzebinia"],"evidenceLinks":["https://example.pl"],"expectedVersion":0}
        """;

    public const string Strategy = """
        {"code":"E2E-FUZZ","name":"Strategia E2E","owner":{"kind":"gmina","units":["1203053"],"name":"Gmina Trzebinia"},
         "periodFrom":2020,"periodTo":2030,"adoptedBy":"uchwała","mission":"m","vision":"w","state":"draft"}
        """;

    public const string Import = """
        {"strategy":{"code":"E2E-IMPORT","name":"Strategia E2E","period":{"from":2020,"to":2030}},"areas":[],"operational_goals":[],"directions":[]}
        """;

    public const string Observations = """
        {"batchId":"e2e-fuzz","source":"E2E fuzz","rows":[{"row":1,"indicator":"inflow","unit":"1203","period":"1991-01","breakdown":"total","value":5}]}
        """;

    public static string Report(Guid strategy) => $$"""{"kind":"final-evaluation","strategyId":"{{strategy}}","from":2015,"to":2023}""";

    /// <summary>Bodies whose importer ignores unknown fields: only syntax mutations are sure to make them invalid.</summary>
    public static bool OnlySyntax(string sample) => ReferenceEquals(sample, Import);
}
