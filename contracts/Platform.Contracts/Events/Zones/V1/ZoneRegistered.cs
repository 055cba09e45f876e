namespace Platform.Contracts.Events.Zones.V1;

/// <summary>
/// An investment zone entered the register. Carries what a read model (the reporting service's zone
/// offer per gmina and year) needs without calling back. Areas in hectares; <see cref="ComputedAreaHa"/>
/// is the boundary's area in EPSG:2180. Kind: sag, sse_subzone, industrial_park, brownfield; state:
/// operating, expanding, in_preparation, planned. <see cref="Version"/> orders events of one zone.
/// </summary>
public sealed record ZoneRegistered(
    Guid ZoneId,
    string Name,
    string GminaTeryt,
    string PowiatTeryt,
    string Kind,
    string State,
    decimal TotalAreaHa,
    decimal AvailableAreaHa,
    decimal ComputedAreaHa,
    int? YearEstablished,
    string? SseName,
    bool PsiEligible,
    double? MotorwayKm,
    int Version,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
