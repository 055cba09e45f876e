using Npgsql;
using Platform.Territory;
using Zones.Api.Application;

namespace Zones.Api.Persistence;

/// <summary>Read queries on the data source directly (no EF tracking, one round trip each); units named from the register passed in.</summary>
public sealed class ZoneReader(NpgsqlDataSource dataSource)
{
    public async Task<SearchResult> SearchAsync(ZoneSearchCriteria criteria, bool withGeoJson, TerritoryIndex register, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var items = new List<ZoneSummaryView>(criteria.PageSize);
        long total = 0;
        await using (var command = ZoneSearchSql.Build(criteria, withGeoJson))
        {
            command.Connection = connection;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                items.Add(ZoneColumns.Read(reader, register,
                    reader.IsDBNull(ZoneSearchSql.DistanceOrdinal) ? null : reader.GetDouble(ZoneSearchSql.DistanceOrdinal),
                    reader.IsDBNull(ZoneSearchSql.GeoJsonOrdinal) ? null : reader.GetString(ZoneSearchSql.GeoJsonOrdinal)));
                total = reader.GetInt64(ZoneSearchSql.TotalOrdinal);
            }
        }
        if (items.Count == 0 && criteria.Page > 1)
        {
            // A page beyond the last row carries no window total: count separately.
            await using var count = ZoneSearchSql.BuildCount(criteria);
            count.Connection = connection;
            total = (long)(await count.ExecuteScalarAsync(ct))!;
        }
        return new SearchResult(items, (int)total, criteria.Page, criteria.PageSize);
    }

    public async Task<(ZoneSummaryView Zone, string? Zoning, ContactView? Contact, string? Description, string Boundary)?> GetAsync(
        Guid id, TerritoryIndex register, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {ZoneColumns.Summary}, z.zoning_designation, z.contact_name, z.contact_email, z.contact_phone,
                   z.description, ST_AsGeoJSON(z.boundary, 7)
            {ZoneColumns.From}
            WHERE z.id = @id
            """);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        const int o = ZoneColumns.Count;
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        var contact = Text(o + 1) is null && Text(o + 2) is null && Text(o + 3) is null ? null : new ContactView(Text(o + 1), Text(o + 2), Text(o + 3));
        return (ZoneColumns.Read(reader, register), Text(o), contact, Text(o + 4), reader.GetString(o + 5));
    }

    public async Task<IReadOnlyList<PlotView>> PlotsAsync(Guid zoneId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, zone_id, parcel_id, area_ha, computed_area_ha, state, version, ST_AsGeoJSON(boundary, 7), updated_at
            FROM plots WHERE zone_id = @zone ORDER BY parcel_id
            """);
        command.Parameters.AddWithValue("zone", zoneId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var plots = new List<PlotView>();
        while (await reader.ReadAsync(ct)) plots.Add(ReadPlot(reader));
        return plots;
    }

    public async Task<PlotView?> PlotAsync(Guid zoneId, Guid plotId, CancellationToken ct) =>
        (await PlotsAsync(zoneId, ct)).FirstOrDefault(p => p.Id == plotId);

    private static PlotView ReadPlot(NpgsqlDataReader r) =>
        new(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetDecimal(3), r.IsDBNull(4) ? null : r.GetDecimal(4), r.GetString(5), r.GetInt32(6))
        { BoundaryGeoJson = r.IsDBNull(7) ? null : r.GetString(7), UpdatedAt = r.GetFieldValue<DateTimeOffset>(8) };

    /// <summary>Distances on the ellipsoid from the zone's boundary to the nearest reference places of each kind.</summary>
    public async Task<IReadOnlyList<DistanceView>> DistancesAsync(Guid zoneId, int perKind, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT code, name, kind, km FROM (
                SELECT r.code, r.name, r.kind, ST_Distance(z.boundary::geography, r.location::geography) / 1000.0 AS km,
                       row_number() OVER (PARTITION BY r.kind ORDER BY ST_Distance(z.boundary::geography, r.location::geography)) AS n
                FROM zones z CROSS JOIN reference_places r
                WHERE z.id = @zone) d
            WHERE n <= @per_kind
            ORDER BY kind, km
            """);
        command.Parameters.AddWithValue("zone", zoneId);
        command.Parameters.AddWithValue("per_kind", perKind);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var list = new List<DistanceView>();
        while (await reader.ReadAsync(ct))
            list.Add(new DistanceView(reader.GetString(0), reader.GetString(1), reader.GetString(2), Math.Round(reader.GetDouble(3), 3)));
        return list;
    }

    /// <summary>Zones and hectares per gmina that has zones, of the given gminy only when <paramref name="gminy"/> is set.</summary>
    public async Task<IReadOnlyDictionary<string, GminaTotals>> TotalsPerGminaAsync(string[]? gminy, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT gmina_teryt, count(*)::int, sum(total_area_ha), sum(available_area_ha)
            FROM zones
            WHERE @gminy::text[] IS NULL OR gmina_teryt = ANY(@gminy)
            GROUP BY gmina_teryt
            """);
        command.Parameters.Add(new NpgsqlParameter("gminy", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)gminy ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var totals = new Dictionary<string, GminaTotals>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
            totals[reader.GetString(0)] = new GminaTotals(reader.GetInt32(1), reader.GetDecimal(2), reader.GetDecimal(3));
        return totals;
    }

    public async Task<IReadOnlyList<ReferencePlaceView>> ReferencePlacesAsync(string? kind, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, code, kind, name, road, ST_X(location), ST_Y(location), approximate
            FROM reference_places WHERE @kind::text IS NULL OR kind = @kind ORDER BY kind, name
            """);
        command.Parameters.Add(new NpgsqlParameter("kind", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)kind ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var list = new List<ReferencePlaceView>();
        while (await reader.ReadAsync(ct))
            list.Add(new ReferencePlaceView(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetDouble(5), reader.GetDouble(6), reader.GetBoolean(7)));
        return list;
    }
}
