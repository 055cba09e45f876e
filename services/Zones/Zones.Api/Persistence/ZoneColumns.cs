using System.Text.Json;
using Npgsql;
using Platform.Territory;
using Zones.Api.Application;

namespace Zones.Api.Persistence;

/// <summary>The columns of a zone summary, shared by every query that returns zones, and their reader (names come from the register, not SQL).</summary>
public static class ZoneColumns
{
    public const string From = """
        FROM zones z
        LEFT JOIN reference_places j ON j.id = z.motorway_junction_id
        """;

    public const string Summary = """
        z.id, z.name, z.gmina_teryt, z.kind, z.state,
        z.total_area_ha, z.available_area_ha, z.computed_area_ha, z.year_established, z.sse_name, z.psi_eligible,
        z.utilities::text, z.railway_siding, z.ownership, z.price_min_pln_m2, z.price_max_pln_m2,
        j.name, z.motorway_km, z.approximate_boundary, z.version, z.updated_at
        """;

    /// <summary>Number of columns in <see cref="Summary"/>; extra columns follow from this ordinal.</summary>
    public const int Count = 21;

    /// <summary>The zone at the reader's row; its gmina and powiat named from the copy of the TERYT register.</summary>
    public static ZoneSummaryView Read(NpgsqlDataReader r, TerritoryIndex register, double? distanceKm = null, string? boundaryGeoJson = null)
    {
        var gmina = r.GetString(2);
        return new(
            r.GetGuid(0),
            r.GetString(1),
            RegisterRules.Gmina(register, gmina),
            RegisterRules.PowiatOf(register, gmina),
            r.GetString(3),
            r.GetString(4),
            r.GetDecimal(5),
            r.GetDecimal(6),
            r.GetDecimal(7),
            r.IsDBNull(8) ? null : r.GetInt32(8),
            r.IsDBNull(9) ? null : r.GetString(9),
            r.GetBoolean(10),
            JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(11)) ?? [],
            r.GetBoolean(12),
            r.GetString(13),
            r.IsDBNull(14) ? null : r.GetDecimal(14),
            r.IsDBNull(15) ? null : r.GetDecimal(15),
            r.IsDBNull(16) ? null : r.GetString(16),
            r.IsDBNull(17) ? null : Math.Round(r.GetDouble(17), 3),
            distanceKm is null ? null : Math.Round(distanceKm.Value, 3),
            r.GetBoolean(18),
            r.GetInt32(19))
        { BoundaryGeoJson = boundaryGeoJson, UpdatedAt = r.GetFieldValue<DateTimeOffset>(20) };
    }
}
