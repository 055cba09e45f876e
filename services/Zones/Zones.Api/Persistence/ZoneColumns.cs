using System.Text.Json;
using Npgsql;
using Zones.Api.Application;

namespace Zones.Api.Persistence;

/// <summary>The columns of a zone summary, shared by every query that returns zones, and their reader.</summary>
public static class ZoneColumns
{
    public const string From = """
        FROM zones z
        JOIN gminy g ON g.teryt = z.gmina_teryt
        LEFT JOIN reference_places j ON j.id = z.motorway_junction_id
        """;

    public const string Summary = """
        z.id, z.name, z.gmina_teryt, g.name, g.powiat_teryt, g.powiat_name, z.kind, z.state,
        z.total_area_ha, z.available_area_ha, z.computed_area_ha, z.year_established, z.sse_name, z.psi_eligible,
        z.utilities::text, z.railway_siding, z.ownership, z.price_min_pln_m2, z.price_max_pln_m2,
        j.name, z.motorway_km, z.approximate_boundary, z.version, z.updated_at
        """;

    /// <summary>Number of columns in <see cref="Summary"/>; extra columns follow from this ordinal.</summary>
    public const int Count = 24;

    public static ZoneSummaryView Read(NpgsqlDataReader r, double? distanceKm = null, string? boundaryGeoJson = null) =>
        new(
            r.GetGuid(0),
            r.GetString(1),
            new UnitView(r.GetString(2), r.GetString(3)),
            new UnitView(r.GetString(4), r.GetString(5)),
            r.GetString(6),
            r.GetString(7),
            r.GetDecimal(8),
            r.GetDecimal(9),
            r.GetDecimal(10),
            r.IsDBNull(11) ? null : r.GetInt32(11),
            r.IsDBNull(12) ? null : r.GetString(12),
            r.GetBoolean(13),
            JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(14)) ?? [],
            r.GetBoolean(15),
            r.GetString(16),
            r.IsDBNull(17) ? null : r.GetDecimal(17),
            r.IsDBNull(18) ? null : r.GetDecimal(18),
            r.IsDBNull(19) ? null : r.GetString(19),
            r.IsDBNull(20) ? null : Math.Round(r.GetDouble(20), 3),
            distanceKm is null ? null : Math.Round(distanceKm.Value, 3),
            r.GetBoolean(21),
            r.GetInt32(22))
        { BoundaryGeoJson = boundaryGeoJson, UpdatedAt = r.GetFieldValue<DateTimeOffset>(23) };
}
