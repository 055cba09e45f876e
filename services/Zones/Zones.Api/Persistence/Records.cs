namespace Zones.Api.Persistence;

// Row shapes of the zone tables, mapped in ZonesDbContext so the schema test covers them. Geometry
// columns are mapped as text with their PostGIS column types: Npgsql 10 has no NetTopologySuite
// plugin here, so these tables are read and written by SQL (ZoneStore, ZoneReader) with GeoJSON
// in and out, never through EF queries.

public sealed class ReferencePlaceRecord
{
    public Guid Id { get; set; }
    public string Code { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Road { get; set; }
    public bool Approximate { get; set; }
    public string Location { get; set; } = "";
}

public sealed class ZoneRecord
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string GminaTeryt { get; set; } = "";
    public string Kind { get; set; } = "";
    public string State { get; set; } = "";
    public decimal TotalAreaHa { get; set; }
    public decimal AvailableAreaHa { get; set; }
    public decimal ComputedAreaHa { get; set; }
    public int? YearEstablished { get; set; }
    public string? SseName { get; set; }
    public bool PsiEligible { get; set; }
    public string? ZoningDesignation { get; set; }
    public string Utilities { get; set; } = "{}";
    public bool RailwaySiding { get; set; }
    public string Ownership { get; set; } = "";
    public decimal? PriceMinPlnM2 { get; set; }
    public decimal? PriceMaxPlnM2 { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactPhone { get; set; }
    public string? Description { get; set; }
    public bool ApproximateBoundary { get; set; }
    public string Boundary { get; set; } = "";
    public Guid? MotorwayJunctionId { get; set; }
    public double? MotorwayKm { get; set; }
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class PlotRecord
{
    public Guid Id { get; set; }
    public Guid ZoneId { get; set; }
    public string ParcelId { get; set; } = "";
    public decimal AreaHa { get; set; }
    public string State { get; set; } = "";
    public string? Boundary { get; set; }
    public decimal? ComputedAreaHa { get; set; }
    public int Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One version of a zone as written (zone_versions): what its ZoneRegistered/ZoneChanged carried.</summary>
public sealed class ZoneVersionRecord
{
    public Guid ZoneId { get; set; }
    public int Version { get; set; }
    public string Name { get; set; } = "";
    public string GminaTeryt { get; set; } = "";
    public string Kind { get; set; } = "";
    public string State { get; set; } = "";
    public decimal TotalAreaHa { get; set; }
    public decimal AvailableAreaHa { get; set; }
    public decimal ComputedAreaHa { get; set; }
    public int? YearEstablished { get; set; }
    public string? SseName { get; set; }
    public bool PsiEligible { get; set; }
    public double? MotorwayKm { get; set; }
    public DateTimeOffset WrittenAt { get; set; }
}

/// <summary>One version of a plot as written (plot_versions): what its PlotStateChanged carried.</summary>
public sealed class PlotVersionRecord
{
    public Guid PlotId { get; set; }
    public int Version { get; set; }
    public Guid ZoneId { get; set; }
    public string ParcelId { get; set; } = "";
    public string GminaTeryt { get; set; } = "";
    public decimal AreaHa { get; set; }
    public string State { get; set; } = "";
    public string? PreviousState { get; set; }
    public int? ZoneYearEstablished { get; set; }
    public DateTimeOffset WrittenAt { get; set; }
}
