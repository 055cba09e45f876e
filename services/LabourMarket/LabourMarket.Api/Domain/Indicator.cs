namespace LabourMarket.Api.Domain;

/// <summary>What a figure measures. Counts are non-negative integers; rates are percentages 0–100.</summary>
public sealed class Indicator
{
    public const string RegisteredUnemployed = "registered_unemployed";
    public const string UnemploymentRate = "unemployment_rate";
    public const string LongTermUnemployed = "long_term_unemployed";

    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string UnitOfMeasure { get; set; } = "";
    public string Description { get; set; } = "";
    public string Source { get; set; } = "";
    public string ValueKind { get; set; } = ValueKinds.Count;
}

public static class ValueKinds
{
    public const string Count = "count";
    public const string Rate = "rate";
}
