using System.Text.Json;

namespace Zones.Api.Domain;

/// <summary>A voivodeship's outline as GeoJSON (WGS 84), for PostGIS to test a zone boundary against.</summary>
public sealed record VoivodeshipOutline(string Code, string Name, string GeoJson);

/// <summary>
/// The outlines of the 16 voivodeships (<c>Data/wojewodztwa.geojson</c>: PRG of August 2025, simplified by
/// Visvalingam to 5 % of the points; a copy of the platform's shared file), embedded so the service reads no shared
/// files at run time. The simplification leaves some rings self-intersecting: the SQL that uses them makes them valid.
/// </summary>
public static class Voivodeships
{
    public const string ResourceName = "Domain.Data.wojewodztwa.geojson";

    private static readonly Lazy<IReadOnlyDictionary<string, VoivodeshipOutline>> Outlines = new(Load);

    public static IReadOnlyCollection<VoivodeshipOutline> All => [.. Outlines.Value.Values];

    /// <summary>The voivodeship a TERYT code lies in (its first two digits); null for a code of none.</summary>
    public static VoivodeshipOutline? Of(string teryt) =>
        teryt.Length >= 2 && Outlines.Value.TryGetValue(teryt[..2], out var outline) ? outline : null;

    private static Dictionary<string, VoivodeshipOutline> Load()
    {
        using var stream = typeof(Voivodeships).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var document = JsonDocument.Parse(stream);
        var outlines = new Dictionary<string, VoivodeshipOutline>(StringComparer.Ordinal);
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            var properties = feature.GetProperty("properties");
            var code = properties.GetProperty("JPT_KOD_JE").GetString()!;
            // Re-serialized without the file's indentation: it goes to PostgreSQL as a parameter on every check.
            outlines[code] = new VoivodeshipOutline(code, properties.GetProperty("JPT_NAZWA_").GetString()!,
                JsonSerializer.Serialize(feature.GetProperty("geometry")));
        }
        return outlines;
    }
}
