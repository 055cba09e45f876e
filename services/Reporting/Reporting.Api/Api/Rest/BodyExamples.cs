namespace Reporting.Api.Api.Rest;

/// <summary>Example bodies for the API page.</summary>
internal static class BodyExamples
{
    public static readonly StartReportBody FinalEvaluation = new("final-evaluation", Guid.Parse("0f6c2d4e-3b1a-4c8e-9a77-2c8d7e4b1a03"), null, 2015, 2023, null);

    public static readonly EditDraftBody Edit = new(
        "Raport przygotował Wydział Rozwoju Starostwa Powiatowego w Chrzanowie na posiedzenie Rady Powiatu.",
        "Kontynuować wspólny projekt strefy aktywności gospodarczej obszaru funkcjonalnego.\nUzupełnić sprawozdania realizatorów za 2023 r.", 0);

    public static readonly RebuildBody Rebuild = new(["catalogue", "labour", "zones"]);
}
