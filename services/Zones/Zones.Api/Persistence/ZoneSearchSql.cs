using Platform.ServiceDefaults.Validation;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Zones.Api.Application;

namespace Zones.Api.Persistence;

/// <summary>
/// Builds the one SQL statement a search runs: filters as parameters, spatial filters with PostGIS
/// (radius on the ellipsoid through the geography GiST index), the total by a window function so a
/// page costs one round trip. Public so the benchmark can run exactly this SQL as its baseline.
/// </summary>
public static class ZoneSearchSql
{
    /// <summary>Ordinal of the distance column (null when no point), then the GeoJSON, then the total.</summary>
    public const int DistanceOrdinal = ZoneColumns.Count;
    public const int GeoJsonOrdinal = ZoneColumns.Count + 1;
    public const int TotalOrdinal = ZoneColumns.Count + 2;

    public static NpgsqlCommand Build(ZoneSearchCriteria c, bool withGeoJson)
    {
        var command = new NpgsqlCommand();
        var p = command.Parameters;
        var where = new List<string>();
        const string point = "ST_SetSRID(ST_MakePoint(@near_lon, @near_lat), 4326)";

        if (c.Gminy.Count > 0) { where.Add("z.gmina_teryt = ANY(@gminy)"); p.Add(new("gminy", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = c.Gminy.ToArray() }); }
        // Powiat and voivodeship filters arrive resolved to the gminy of the register within them (ZoneSearchCriteria.Resolve).
        for (var i = 0; i < c.GminaSets.Count; i++)
        {
            where.Add($"z.gmina_teryt = ANY(@within_{i})");
            p.Add(new($"within_{i}", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = c.GminaSets[i].ToArray() });
        }
        if (c.States.Count > 0) { where.Add("z.state = ANY(@states)"); p.Add(new("states", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = c.States.ToArray() }); }
        if (c.Kinds.Count > 0) { where.Add("z.kind = ANY(@kinds)"); p.Add(new("kinds", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = c.Kinds.ToArray() }); }
        if (c.Utilities.Count > 0)
        {
            // jsonb containment: {"water":"available","sewage":"available"} ⊆ utilities.
            var required = c.Utilities.Distinct().ToDictionary(u => u, _ => Domain.UtilityStatus.Available);
            where.Add("z.utilities @> @utilities");
            p.Add(new("utilities", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(required) });
        }
        if (c.MinAvailableHa is { } minHa) { where.Add("z.available_area_ha >= @min_available"); p.Add(new("min_available", NpgsqlDbType.Numeric) { Value = minHa }); }
        if (c.MaxMotorwayKm is { } maxKm) { where.Add("z.motorway_km <= @max_motorway_km"); p.Add(new("max_motorway_km", NpgsqlDbType.Double) { Value = maxKm }); }
        if (c.Sse is { } sse) where.Add(sse ? "z.sse_name IS NOT NULL" : "z.sse_name IS NULL");
        if (c.MaxPricePlnM2 is { } maxPrice) { where.Add("z.price_min_pln_m2 <= @max_price"); p.Add(new("max_price", NpgsqlDbType.Numeric) { Value = maxPrice }); }
        if (c.Bbox is { } b)
        {
            where.Add("ST_Intersects(z.boundary, ST_MakeEnvelope(@bbox_min_lon, @bbox_min_lat, @bbox_max_lon, @bbox_max_lat, 4326))");
            p.Add(new("bbox_min_lon", NpgsqlDbType.Double) { Value = b.MinLon });
            p.Add(new("bbox_min_lat", NpgsqlDbType.Double) { Value = b.MinLat });
            p.Add(new("bbox_max_lon", NpgsqlDbType.Double) { Value = b.MaxLon });
            p.Add(new("bbox_max_lat", NpgsqlDbType.Double) { Value = b.MaxLat });
        }
        if (c.Near is { } n)
        {
            p.Add(new("near_lon", NpgsqlDbType.Double) { Value = n.Lon });
            p.Add(new("near_lat", NpgsqlDbType.Double) { Value = n.Lat });
            if (c.RadiusKm is { } radius)
            {
                // Geography: metres on the WGS 84 ellipsoid, matching the distance reported.
                where.Add($"ST_DWithin(z.boundary::geography, {point}::geography, @radius_m)");
                p.Add(new("radius_m", NpgsqlDbType.Double) { Value = radius * 1000 });
            }
        }
        if (c.PolygonGeoJson is { } polygon)
        {
            where.Add("ST_Intersects(z.boundary, ST_SetSRID(ST_GeomFromGeoJSON(@polygon), 4326))");
            p.Add(new("polygon", NpgsqlDbType.Text) { Value = polygon });
        }

        var sql = new StringBuilder("SELECT ").Append(ZoneColumns.Summary).Append(",\n  ");
        sql.Append(c.Near is null ? "NULL::double precision" : $"ST_Distance(z.boundary::geography, {point}::geography) / 1000.0").Append(" AS distance_km,\n  ");
        sql.Append(withGeoJson ? "ST_AsGeoJSON(z.boundary, 6)" : "NULL::text").Append(",\n  ");
        sql.Append("count(*) OVER () AS total\n").Append(ZoneColumns.From).Append('\n');
        if (where.Count > 0) sql.Append("WHERE ").AppendJoin("\n  AND ", where).Append('\n');
        sql.Append("ORDER BY ").Append(OrderBy(c.EffectiveSort)).Append(", z.id\n");
        sql.Append("LIMIT @limit OFFSET @offset");
        p.Add(new("limit", NpgsqlDbType.Integer) { Value = c.PageSize });
        p.Add(new("offset", NpgsqlDbType.Integer) { Value = Paging.Offset(c.Page, c.PageSize) });
        command.CommandText = sql.ToString();
        return command;
    }

    private static string OrderBy(string sort) => sort switch
    {
        "distance" => "distance_km",
        "motorway" => "z.motorway_km NULLS LAST",
        "area" => "z.available_area_ha",
        "-area" => "z.available_area_ha DESC",
        "price" => "z.price_min_pln_m2 NULLS LAST",
        "-price" => "z.price_min_pln_m2 DESC NULLS LAST",
        _ => "z.name",
    };

    /// <summary>The same filters without paging, for the total when the page lies beyond the last row.</summary>
    public static NpgsqlCommand BuildCount(ZoneSearchCriteria c)
    {
        var command = Build(c with { Page = 1, PageSize = 1, Sort = "name" }, withGeoJson: false);
        var text = command.CommandText;
        var from = text.IndexOf("FROM zones z", StringComparison.Ordinal);
        var order = text.IndexOf("ORDER BY", StringComparison.Ordinal);
        command.CommandText = "SELECT count(*) " + text[from..order];
        command.Parameters.Remove("limit");
        command.Parameters.Remove("offset");
        return command;
    }
}
