namespace Platform.Contracts.Events.Zones.V1;

/// <summary>
/// A plot was registered (PreviousState null) or its state changed (available, reserved, sold).
/// Carries the zone's gmina and year so a read model can count sold hectares per gmina and year.
/// </summary>
public sealed record PlotStateChanged(
    Guid PlotId,
    Guid ZoneId,
    string ParcelId,
    string GminaTeryt,
    string PowiatTeryt,
    decimal AreaHa,
    string? PreviousState,
    string State,
    int? ZoneYearEstablished,
    int Version,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
