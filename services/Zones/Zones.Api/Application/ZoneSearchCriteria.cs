using Platform.ServiceDefaults.Validation;
using Platform.Territory;
using Zones.Api.Domain;

namespace Zones.Api.Application;

public readonly record struct GeoPoint(double Lon, double Lat);

public readonly record struct BoundingBox(double MinLon, double MinLat, double MaxLon, double MaxLat);

/// <summary>
/// A planner's query: attribute filters, at most one of each spatial filter, sort and page. Both
/// transports build it; <see cref="Validate"/> is the one place its rules live.
/// </summary>
public sealed record ZoneSearchCriteria
{
    public IReadOnlyList<string> Gminy { get; init; } = [];
    /// <summary>Zones whose gmina lies within one of these powiaty (in the TERYT register).</summary>
    public IReadOnlyList<string> Powiaty { get; init; } = [];
    /// <summary>Zones whose gmina lies within one of these voivodeships.</summary>
    public IReadOnlyList<string> Voivodeships { get; init; } = [];
    /// <summary>
    /// The powiat and voivodeship filters as the gmina codes they admit, one list per filter, all of which must hold:
    /// filled from the register by <see cref="Resolve"/>, read by the SQL.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> GminaSets { get; init; } = [];
    public IReadOnlyList<string> States { get; init; } = [];
    public IReadOnlyList<string> Kinds { get; init; } = [];
    /// <summary>Utility kinds that must have status "available".</summary>
    public IReadOnlyList<string> Utilities { get; init; } = [];
    public decimal? MinAvailableHa { get; init; }
    public double? MaxMotorwayKm { get; init; }
    /// <summary>True: only zones in a special economic zone; false: only zones outside one.</summary>
    public bool? Sse { get; init; }
    /// <summary>Zones whose lowest asking price is at most this (zones without a price are left out).</summary>
    public decimal? MaxPricePlnM2 { get; init; }
    /// <summary>Zones whose boundary intersects the box.</summary>
    public BoundingBox? Bbox { get; init; }
    /// <summary>Reference point for distances and the radius filter.</summary>
    public GeoPoint? Near { get; init; }
    /// <summary>Zones whose boundary comes within this distance (on the ellipsoid) of <see cref="Near"/>.</summary>
    public double? RadiusKm { get; init; }
    /// <summary>GeoJSON polygon the zones must intersect.</summary>
    public string? PolygonGeoJson { get; init; }
    public string? Sort { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = Limits.DefaultPageSize;

    public static readonly IReadOnlyList<string> SortKeys = ["name", "distance", "motorway", "area", "-area", "price", "-price"];

    /// <summary>The sort actually applied: the requested one, else distance when a point is given, else name.</summary>
    public string EffectiveSort => string.IsNullOrEmpty(Sort) ? (Near is null ? "name" : "distance") : Sort;

    /// <summary>The powiat and voivodeship filters turned into gmina sets (<see cref="GminaSets"/>); call after <see cref="Validate"/>.</summary>
    public ZoneSearchCriteria Resolve(TerritoryIndex register)
    {
        var sets = new List<IReadOnlyList<string>>();
        if (Powiaty.Count > 0) sets.Add(RegisterRules.GminyWithin(register, Powiaty));
        if (Voivodeships.Count > 0) sets.Add(RegisterRules.GminyWithin(register, Voivodeships));
        return this with { GminaSets = sets };
    }

    public void Validate(ValidationErrors errors, TerritoryIndex register)
    {
        RegisterRules.FilterUnits(errors, "gmina", Gminy, UnitLevels.Gmina, register);
        RegisterRules.FilterUnits(errors, "powiat", Powiaty, UnitLevels.Powiat, register);
        RegisterRules.FilterUnits(errors, "voivodeship", Voivodeships, UnitLevels.Voivodeship, register);
        foreach (var s in States) errors.OneOf("state", s, ZoneState.All);
        foreach (var k in Kinds) errors.OneOf("kind", k, ZoneKind.All);
        foreach (var u in Utilities) errors.OneOf("utilities", u, UtilityKind.All);
        if (MinAvailableHa is < 0) errors.Add("minAvailableHa", "Nie może być ujemna.");
        if (MaxMotorwayKm is < 0 or double.NaN) errors.Add("maxMotorwayKm", "Nie może być ujemna.");
        if (MaxPricePlnM2 is < 0) errors.Add("maxPrice", "Nie może być ujemna.");
        if (Bbox is { } b)
        {
            if (!(b.MinLon >= -180 && b.MaxLon <= 180 && b.MinLat >= -90 && b.MaxLat <= 90 && b.MinLon < b.MaxLon && b.MinLat < b.MaxLat))
                errors.Add("bbox", "Oczekiwano minLon,minLat,maxLon,maxLat w WGS 84, z min < max.");
        }
        if (Near is { } n && !(n.Lon is >= -180 and <= 180 && n.Lat is >= -90 and <= 90))
            errors.Add("near", "Oczekiwano lon,lat w WGS 84.");
        if (RadiusKm is { } r)
        {
            if (Near is null) errors.Add("radiusKm", "Promień wymaga punktu (near).");
            if (!(r > 0 && r <= Limits.MaxRadiusKm)) errors.Add("radiusKm", $"Promień musi być w przedziale (0, {Limits.MaxRadiusKm}] km.");
        }
        if (PolygonGeoJson is not null) GeoJsonPolygon.Validate(PolygonGeoJson, "polygon", errors.Add);
        if (Sort is { Length: > 0 } && !SortKeys.Contains(Sort)) errors.Add("sort", $"Dozwolone: {string.Join(", ", SortKeys)}.");
        if (EffectiveSort == "distance" && Near is null) errors.Add("sort", "Sortowanie po odległości wymaga punktu (near).");
        Paging.Check(errors, Page, PageSize, Limits.MaxPageSize);
    }
}
