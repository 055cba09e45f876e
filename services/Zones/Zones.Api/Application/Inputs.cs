namespace Zones.Api.Application;

/// <summary>A zone as a planner registers or replaces it; both transports map their requests to this.</summary>
public sealed record ZoneInput(
    string? Name,
    string? GminaTeryt,
    string? Kind,
    string? State,
    decimal? TotalAreaHa,
    decimal? AvailableAreaHa,
    int? YearEstablished,
    string? SseName,
    bool PsiEligible,
    string? ZoningDesignation,
    IReadOnlyDictionary<string, string>? Utilities,
    bool RailwaySiding,
    string? Ownership,
    decimal? PriceMinPlnM2,
    decimal? PriceMaxPlnM2,
    ContactInput? Contact,
    string? Description,
    string? BoundaryGeoJson,
    bool ApproximateBoundary);

public sealed record ContactInput(string? Name, string? Email, string? Phone);

public sealed record PlotInput(string? ParcelId, decimal? AreaHa, string? State, string? BoundaryGeoJson);
