namespace Gateway.Portal;

/// <summary>
/// The deployment's portal settings (section "Portal"), given to the browser as /config.json.
/// No base layer by default: the map then draws offline (gmina labels, motorways, voivodeship outlines) and the
/// portal asks no outside host for anything; an operator adds OpenStreetMap or the Geoportal's WMTS here.
/// </summary>
public sealed class PortalSettings
{
    public const string SectionName = "Portal";

    /// <summary>The TERYT code the labour page opens with (its name comes from the register).</summary>
    public string DefaultUnit { get; set; } = "";

    /// <summary>Map base layers the reader may choose, the first shown at start (none = offline drawing only).</summary>
    public List<MapBaseLayer> BaseLayers { get; set; } = [];

    /// <summary>PRG voivodeship boundaries (GeoJSON, WGS 84) drawn on the maps when set; served as /data/voivodeships.geojson.</summary>
    public string? VoivodeshipOutlinesFile { get; set; }
}

/// <summary>
/// A tile layer as a URL template with {z}/{x}/{y}: an XYZ service such as OpenStreetMap, or a WMTS GetTile request
/// in EPSG:3857 written as a template (TILEMATRIX={z}&amp;TILEROW={y}&amp;TILECOL={x}), as the Geoportal serves.
/// </summary>
public sealed class MapBaseLayer
{
    public string Name { get; set; } = "";
    public string Url { get; set; } = "";
    public string Attribution { get; set; } = "";
    public int MaxZoom { get; set; } = 19;
}
