namespace Zones.Api.Application;

public sealed record UnitView(string Teryt, string Name);

public sealed record ContactView(string? Name, string? Email, string? Phone);

/// <summary>A zone as lists and maps show it. Areas in ha; <see cref="ComputedAreaHa"/> is the boundary's area in EPSG:2180.</summary>
public sealed record ZoneSummaryView(
    Guid Id,
    string Name,
    UnitView Gmina,
    UnitView Powiat,
    string Kind,
    string State,
    decimal TotalAreaHa,
    decimal AvailableAreaHa,
    decimal ComputedAreaHa,
    int? YearEstablished,
    string? SseName,
    bool PsiEligible,
    IReadOnlyDictionary<string, string> Utilities,
    bool RailwaySiding,
    string Ownership,
    decimal? PriceMinPlnM2,
    decimal? PriceMaxPlnM2,
    string? NearestJunction,
    double? MotorwayKm,
    double? DistanceKm,
    bool ApproximateBoundary,
    int Version)
{
    /// <summary>GeoJSON of the boundary, only when a map format asked for it (not serialized in lists).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? BoundaryGeoJson { get; init; }

    /// <summary>When this version was written (the time of its event): a read model rebuilt over gRPC dates it by this.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}

public sealed record DistanceView(string PlaceCode, string PlaceName, string PlaceKind, double Km);

/// <summary>The registered-unemployment rate of the zone's powiat; absent with a reason when labour could not tell.</summary>
public sealed record UnemploymentView(double? RatePercent, string? Period, string UnitTeryt, string? Reason);

public sealed record PlotView(Guid Id, Guid ZoneId, string ParcelId, decimal AreaHa, decimal? ComputedAreaHa, string State, int Version)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public string? BoundaryGeoJson { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}

public sealed record ZoneDetailsView(
    ZoneSummaryView Zone,
    string? ZoningDesignation,
    ContactView? Contact,
    string? Description,
    string BoundaryGeoJson,
    IReadOnlyList<PlotView> Plots,
    IReadOnlyList<DistanceView> Distances,
    UnemploymentView? Unemployment);

public sealed record SearchResult(IReadOnlyList<ZoneSummaryView> Items, int Total, int Page, int PageSize)
{
    /// <summary>The unemployment rate of each powiat on the page (one labour call per powiat, cached).</summary>
    public IReadOnlyList<UnemploymentView> Unemployment { get; init; } = [];
}

public sealed record GminaSummaryView(UnitView Gmina, UnitView Powiat, int Zones, decimal TotalAreaHa, decimal AvailableAreaHa);

/// <summary>What a gmina's zones add up to.</summary>
public sealed record GminaTotals(int Zones, decimal TotalAreaHa, decimal AvailableAreaHa)
{
    public static readonly GminaTotals None = new(0, 0, 0);
}

public sealed record ReferencePlaceView(Guid Id, string Code, string Kind, string Name, string? Road, double Lon, double Lat, bool Approximate);
