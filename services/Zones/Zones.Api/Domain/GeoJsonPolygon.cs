using System.Text.Json;

namespace Zones.Api.Domain;

/// <summary>
/// Checks the shape of a GeoJSON Polygon or MultiPolygon before PostGIS sees it, so each problem is
/// reported with its position (PostGIS would reject some of them with one opaque message and
/// silently accept others, e.g. a ring that is not closed). Self-intersection is checked in SQL.
/// </summary>
public static class GeoJsonPolygon
{
    public const int MaxPositions = 20_000;

    /// <summary>Adds (path, reason) for every problem; <paramref name="field"/> prefixes the paths.</summary>
    public static void Validate(string? geoJson, string field, Action<string, string> error)
    {
        if (string.IsNullOrWhiteSpace(geoJson))
        {
            error(field, "Granica jest wymagana (GeoJSON Polygon lub MultiPolygon w WGS 84).");
            return;
        }
        JsonDocument document;
        try { document = JsonDocument.Parse(geoJson); }
        catch (JsonException) { error(field, "To nie jest poprawny JSON."); return; }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                error(field, "Oczekiwano obiektu GeoJSON z polem \"type\".");
                return;
            }
            if (!root.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array)
            {
                error($"{field}.coordinates", "Brak tablicy współrzędnych.");
                return;
            }
            var positions = 0;
            switch (type.GetString())
            {
                case "Polygon":
                    ValidatePolygon(coordinates, $"{field}.coordinates", error, ref positions);
                    break;
                case "MultiPolygon":
                    if (coordinates.GetArrayLength() == 0) error($"{field}.coordinates", "MultiPolygon bez wielokątów.");
                    var i = 0;
                    foreach (var polygon in coordinates.EnumerateArray())
                        ValidatePolygon(polygon, $"{field}.coordinates[{i++}]", error, ref positions);
                    break;
                default:
                    error($"{field}.type", "Dozwolone typy geometrii: Polygon, MultiPolygon.");
                    break;
            }
            if (positions > MaxPositions) error(field, $"Najwyżej {MaxPositions} wierzchołków.");
        }
    }

    private static void ValidatePolygon(JsonElement polygon, string path, Action<string, string> error, ref int positions)
    {
        if (polygon.ValueKind != JsonValueKind.Array || polygon.GetArrayLength() == 0)
        {
            error(path, "Wielokąt musi mieć co najmniej jeden pierścień.");
            return;
        }
        var r = 0;
        foreach (var ring in polygon.EnumerateArray())
        {
            ValidateRing(ring, $"{path}[{r++}]", error, ref positions);
        }
    }

    private static void ValidateRing(JsonElement ring, string path, Action<string, string> error, ref int positions)
    {
        if (ring.ValueKind != JsonValueKind.Array)
        {
            error(path, "Pierścień musi być tablicą punktów.");
            return;
        }
        var count = ring.GetArrayLength();
        positions += count;
        if (count < 4)
        {
            error(path, $"Pierścień musi mieć co najmniej 4 punkty (zamknięty trójkąt); ma {count}.");
            return;
        }
        (double Lon, double Lat)? first = null, last = null;
        var p = 0;
        var outsidePoland = false;
        foreach (var position in ring.EnumerateArray())
        {
            var at = $"{path}[{p++}]";
            if (!TryReadPosition(position, out var lon, out var lat))
            {
                error(at, "Punkt musi być tablicą [długość, szerokość] liczb.");
                return;
            }
            if (lon is < -180 or > 180 || lat is < -90 or > 90)
            {
                error(at, $"Współrzędne poza zakresem WGS 84 (długość −180…180, szerokość −90…90): [{lon}, {lat}].");
                return;
            }
            if (!outsidePoland && !PolandBounds.Contains(lon, lat))
            {
                outsidePoland = true;
                error(at, $"Punkt [{lon}, {lat}] leży poza Polską (czy długość i szerokość nie są zamienione?).");
            }
            first ??= (lon, lat);
            last = (lon, lat);
        }
        if (first != last) error(path, "Pierścień nie jest zamknięty: ostatni punkt musi być równy pierwszemu.");
    }

    private static bool TryReadPosition(JsonElement position, out double lon, out double lat)
    {
        lon = lat = 0;
        if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() is < 2 or > 3) return false;
        var lonElement = position[0];
        var latElement = position[1];
        return lonElement.ValueKind == JsonValueKind.Number && latElement.ValueKind == JsonValueKind.Number
            && lonElement.TryGetDouble(out lon) && latElement.TryGetDouble(out lat)
            && double.IsFinite(lon) && double.IsFinite(lat);
    }
}
