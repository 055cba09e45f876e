using System.Text.Json;
using Zones.Api.Application;

namespace Zones.Api.Api.Rest;

/// <summary>The JSON body of POST and PUT /api/v1/zones; <c>boundary</c> is a GeoJSON geometry object.</summary>
public sealed record ZoneRequest(
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
    Dictionary<string, string>? Utilities,
    bool RailwaySiding,
    string? Ownership,
    decimal? PriceMinPlnM2,
    decimal? PriceMaxPlnM2,
    ContactInput? Contact,
    string? Description,
    JsonElement? Boundary,
    bool ApproximateBoundary,
    int? ExpectedVersion)
{
    public ZoneInput ToInput() => new(Name, GminaTeryt, Kind, State, TotalAreaHa, AvailableAreaHa, YearEstablished, SseName,
        PsiEligible, ZoningDesignation, Utilities, RailwaySiding, Ownership, PriceMinPlnM2, PriceMaxPlnM2, Contact, Description,
        GeoJsonText(Boundary), ApproximateBoundary);

    public static string? GeoJsonText(JsonElement? element) =>
        element is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } e
            ? (e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText())
            : null;
}

public sealed record PlotRequest(string? ParcelId, decimal? AreaHa, string? State, JsonElement? Boundary, int? ExpectedVersion)
{
    public PlotInput ToInput() => new(ParcelId, AreaHa, State, ZoneRequest.GeoJsonText(Boundary));
}

/// <summary>A zone's details as REST returns them: the boundary as a GeoJSON object, not a string.</summary>
public sealed record ZoneDetailsResponse(
    ZoneSummaryView Zone,
    string? ZoningDesignation,
    ContactView? Contact,
    string? Description,
    JsonElement Boundary,
    IReadOnlyList<PlotResponse> Plots,
    IReadOnlyList<DistanceView> Distances,
    UnemploymentView? Unemployment)
{
    public static ZoneDetailsResponse From(ZoneDetailsView v) => new(v.Zone, v.ZoningDesignation, v.Contact, v.Description,
        JsonDocument.Parse(v.BoundaryGeoJson).RootElement, v.Plots.Select(PlotResponse.From).ToList(), v.Distances, v.Unemployment);
}

public sealed record PlotResponse(Guid Id, Guid ZoneId, string ParcelId, decimal AreaHa, decimal? ComputedAreaHa, string State, int Version, JsonElement? Boundary)
{
    public static PlotResponse From(PlotView p) => new(p.Id, p.ZoneId, p.ParcelId, p.AreaHa, p.ComputedAreaHa, p.State, p.Version,
        p.BoundaryGeoJson is null ? null : JsonDocument.Parse(p.BoundaryGeoJson).RootElement);
}

public sealed record SearchResponse(IReadOnlyList<ZoneSummaryView> Items, int Total, int Page, int PageSize, IReadOnlyList<UnemploymentView> Unemployment);
