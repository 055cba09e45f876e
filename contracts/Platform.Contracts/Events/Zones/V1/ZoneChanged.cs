namespace Platform.Contracts.Events.Zones.V1;

/// <summary>
/// A zone's attributes changed: the whole new state plus the areas before the change, so a read
/// model can book the area change (e.g. "available area fell by 4.2 ha in 2026") without history.
/// </summary>
public sealed record ZoneChanged(
    Guid ZoneId,
    string Name,
    string GminaTeryt,
    string PowiatTeryt,
    string Kind,
    string State,
    string PreviousState,
    decimal TotalAreaHa,
    decimal AvailableAreaHa,
    decimal PreviousTotalAreaHa,
    decimal PreviousAvailableAreaHa,
    decimal ComputedAreaHa,
    int? YearEstablished,
    string? SseName,
    bool PsiEligible,
    double? MotorwayKm,
    int Version,
    DateTimeOffset OccurredAt) : IIntegrationEvent
{
    public decimal TotalAreaChangeHa => TotalAreaHa - PreviousTotalAreaHa;
    public decimal AvailableAreaChangeHa => AvailableAreaHa - PreviousAvailableAreaHa;
}
