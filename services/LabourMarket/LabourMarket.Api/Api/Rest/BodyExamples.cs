namespace LabourMarket.Api.Api.Rest;

/// <summary>Example bodies for the API page: a PUP's monthly figures and a GUS TERC file.</summary>
internal static class BodyExamples
{
    public static readonly LabourEndpoints.ObservationBatchRequest Batch = new("pup-chrzanow-2026-11", "PUP w Chrzanowie, MRiPS-01 za listopad 2026",
    [
        new(1, "registered_unemployed", "1203", "2026-11", "total", 2187, null),
        new(2, "registered_unemployed", "1203", "2026-11", "sex:female", 1262, null),
        new(3, "registered_unemployed", "1203053", "2026-11", "total", 755, null),
        new(4, "long_term_unemployed", "1203", "2026-11", "total", 905, null),
    ]);

    public const string TercFile =
        "WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA\n" +
        "12;;;;MAŁOPOLSKIE;województwo;2024-01-01\n" +
        "12;03;;;chrzanowski;powiat;2024-01-01\n" +
        "12;03;05;3;Trzebinia;gmina miejsko-wiejska;2024-01-01\n";
}
