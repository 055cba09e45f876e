using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Zones.Tests;

/// <summary>An axis-aligned lat/lon rectangle: easy to reason about for distances, areas and boxes.</summary>
public readonly record struct Rect(double MinLon, double MinLat, double MaxLon, double MaxLat)
{
    /// <summary>
    /// A square of about <paramref name="sideMetres"/> whose corner nearest to (lon, lat) lies exactly
    /// <paramref name="metres"/> away along <paramref name="bearing"/> (45, 135, 225 or 315): seen from
    /// the point the square extends away in both directions, so that corner is its nearest point.
    /// </summary>
    public static Rect CornerAt(double lon, double lat, double bearing, double metres, double sideMetres)
    {
        var corner = Geodesy.Destination(lon, lat, bearing, metres);
        var dLat = sideMetres / 111_200.0;
        var dLon = sideMetres / (111_320.0 * Math.Cos(corner.Lat * Math.PI / 180));
        var east = bearing is > 0 and < 180;
        var north = bearing is < 90 or > 270;
        return new Rect(
            east ? corner.Lon : corner.Lon - dLon, north ? corner.Lat : corner.Lat - dLat,
            east ? corner.Lon + dLon : corner.Lon, north ? corner.Lat + dLat : corner.Lat);
    }

    public static Rect Around(double lon, double lat, double sideMetres)
    {
        var dLat = sideMetres / 111_200.0 / 2;
        var dLon = sideMetres / (111_320.0 * Math.Cos(lat * Math.PI / 180)) / 2;
        return new Rect(lon - dLon, lat - dLat, lon + dLon, lat + dLat);
    }

    public JsonObject GeoJson() => new()
    {
        ["type"] = "Polygon",
        ["coordinates"] = new JsonArray(new JsonArray(
            Pos(MinLon, MinLat), Pos(MaxLon, MinLat), Pos(MaxLon, MaxLat), Pos(MinLon, MaxLat), Pos(MinLon, MinLat))),
    };

    public (double, double, double, double) Tuple => (MinLon, MinLat, MaxLon, MaxLat);

    public static JsonArray Pos(double lon, double lat) => new(lon, lat);
}

public static class TestData
{
    public const string Trzebinia = "1203053";
    public const string Chrzanow = "1203033";
    public const string NowySacz = "1262011";
    public const string Tarnow = "1263011";

    /// <summary>A valid zone body; tests change what they exercise.</summary>
    public static JsonObject Zone(string name, Rect rect, string gmina = Trzebinia, double total = 16, double available = 10) => new()
    {
        ["name"] = name,
        ["gminaTeryt"] = gmina,
        ["kind"] = "sag",
        ["state"] = "operating",
        ["totalAreaHa"] = total,
        ["availableAreaHa"] = available,
        ["yearEstablished"] = 2014,
        ["sseName"] = null,
        ["psiEligible"] = true,
        ["zoningDesignation"] = "P/U",
        ["utilities"] = new JsonObject { ["water"] = "available", ["sewage"] = "available", ["electricity"] = "available" },
        ["railwaySiding"] = false,
        ["ownership"] = "municipal",
        ["priceMinPlnM2"] = 80,
        ["priceMaxPlnM2"] = 120,
        ["contact"] = new JsonObject { ["name"] = "POI", ["email"] = "poi@example.pl", ["phone"] = "+48 12 000 00 00" },
        ["description"] = "Strefa testowa.",
        ["boundary"] = rect.GeoJson(),
        ["approximateBoundary"] = false,
    };

    public static async Task<JsonElement> PostZoneAsync(HttpClient client, JsonObject body)
    {
        using var response = await client.PostAsJsonAsync("api/v1/zones", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} → {response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string F(double value) => value.ToString(CultureInfo.InvariantCulture);
}
