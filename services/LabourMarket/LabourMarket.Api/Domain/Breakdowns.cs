namespace LabourMarket.Api.Domain;

/// <summary>
/// The breakdowns of the PUP's monthly report (MRiPS-01) a figure may carry: "total" or
/// "dimension:band". A closed list, so a typo in a feed is rejected rather than stored as a new series.
/// </summary>
public static class Breakdowns
{
    public const string Total = "total";
    public const string Female = "sex:female";
    public const string Male = "sex:male";

    public static readonly IReadOnlyList<(string Code, string Name)> All =
    [
        (Total, "ogółem"),
        (Female, "kobiety"),
        (Male, "mężczyźni"),
        ("age:18-24", "wiek 18–24 lata"),
        ("age:25-34", "wiek 25–34 lata"),
        ("age:35-44", "wiek 35–44 lata"),
        ("age:45-54", "wiek 45–54 lata"),
        ("age:55-59", "wiek 55–59 lat"),
        ("age:60+", "wiek 60 lat i więcej"),
        ("duration:0-1m", "bez pracy do 1 miesiąca"),
        ("duration:1-3m", "bez pracy 1–3 miesiące"),
        ("duration:3-6m", "bez pracy 3–6 miesięcy"),
        ("duration:6-12m", "bez pracy 6–12 miesięcy"),
        ("duration:12-24m", "bez pracy 12–24 miesiące"),
        ("duration:24m+", "bez pracy powyżej 24 miesięcy"),
        ("education:higher", "wykształcenie wyższe"),
        ("education:post-secondary-vocational", "wykształcenie policealne i średnie zawodowe"),
        ("education:general-secondary", "wykształcenie średnie ogólnokształcące"),
        ("education:basic-vocational", "wykształcenie zasadnicze zawodowe"),
        ("education:lower-secondary-or-less", "wykształcenie gimnazjalne i poniżej"),
        ("experience:none", "bez stażu pracy"),
        ("experience:0-1y", "staż pracy do 1 roku"),
        ("experience:1-5y", "staż pracy 1–5 lat"),
        ("experience:5-10y", "staż pracy 5–10 lat"),
        ("experience:10-20y", "staż pracy 10–20 lat"),
        ("experience:20-30y", "staż pracy 20–30 lat"),
        ("experience:30y+", "staż pracy 30 lat i więcej"),
    ];

    private static readonly HashSet<string> Codes = All.Select(b => b.Code).ToHashSet(StringComparer.Ordinal);

    public static bool IsKnown(string code) => Codes.Contains(code);

    /// <summary>An empty breakdown means the total.</summary>
    public static string Normalize(string? code) => string.IsNullOrWhiteSpace(code) ? Total : code.Trim().ToLowerInvariant();
}
