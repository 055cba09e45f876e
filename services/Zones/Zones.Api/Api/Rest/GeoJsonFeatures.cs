using System.Text.Json;
using Zones.Api.Application;

namespace Zones.Api.Api.Rest;

/// <summary>
/// Writes a page of zones as a GeoJSON FeatureCollection straight to the response: geometries are
/// PostGIS's ST_AsGeoJSON text, copied raw (never parsed and re-serialized).
/// </summary>
public static class GeoJsonFeatures
{
    public const string MediaType = "application/geo+json";

    public static bool Wanted(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains(MediaType, StringComparison.OrdinalIgnoreCase))
        || string.Equals(request.Query["format"], "geojson", StringComparison.OrdinalIgnoreCase);

    public static IResult Result(SearchResult page) => new FeatureCollectionResult(page);

    public static void Write(Utf8JsonWriter w, SearchResult page, JsonSerializerOptions options)
    {
        w.WriteStartObject();
        w.WriteString("type", "FeatureCollection");
        w.WriteStartArray("features");
        foreach (var zone in page.Items)
        {
            w.WriteStartObject();
            w.WriteString("type", "Feature");
            w.WriteString("id", zone.Id);
            w.WritePropertyName("geometry");
            if (zone.BoundaryGeoJson is null) w.WriteNullValue(); else w.WriteRawValue(zone.BoundaryGeoJson, skipInputValidation: true);
            w.WritePropertyName("properties");
            JsonSerializer.Serialize(w, zone, options);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        // Foreign members (RFC 7946 §6.1) carry the paging a list answer has.
        w.WriteNumber("total", page.Total);
        w.WriteNumber("page", page.Page);
        w.WriteNumber("pageSize", page.PageSize);
        w.WriteEndObject();
    }

    private sealed class FeatureCollectionResult(SearchResult page) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.ContentType = MediaType;
            await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
            Write(writer, page, JsonBody.Options);
            await writer.FlushAsync(context.RequestAborted);
        }
    }
}
