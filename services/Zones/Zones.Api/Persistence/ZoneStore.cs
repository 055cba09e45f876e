using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Zones.Api.Application;

namespace Zones.Api.Persistence;

/// <summary>The state of a zone before a change, read under a row lock.</summary>
public sealed record ZoneWriteState(Guid Id, string GminaTeryt, string State, decimal TotalAreaHa, decimal AvailableAreaHa, int Version);

/// <summary>What a write derived in SQL: the computed area, the nearest junction, the new version.</summary>
public sealed record ZoneDerived(decimal ComputedAreaHa, double? MotorwayKm, int? YearEstablished, string? SseName, bool PsiEligible, int Version);

/// <summary>A boundary's geodesic area, and whether it lies within an outline (null without one).</summary>
public sealed record BoundaryMeasure(double AreaHa, bool? WithinOutline);

public sealed record PlotWriteState(Guid Id, Guid ZoneId, string ParcelId, string State, decimal AreaHa, int Version);

/// <summary>
/// Zone and plot writes in SQL on the EF context's connection and transaction, so the outbox row
/// EF stores commits (or rolls back) together with them.
/// </summary>
public sealed class ZoneStore(ZonesDbContext db)
{
    private const string Geometry = "ST_Multi(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(@boundary), 4326)))";
    private const string AreaHa = "round((ST_Area(ST_Transform({0}, 2180)) / 10000.0)::numeric, 4)";

    public async Task<NpgsqlCommand> CommandAsync(string sql, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        return new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection(),
            (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
    }

    /// <summary>
    /// Lets PostGIS judge a boundary that passed the shape checks: self-intersections, empty or
    /// zero-area polygons. Adds the reason under <paramref name="field"/>.
    /// </summary>
    public async Task CheckGeometryAsync(string geoJson, string field, ValidationErrors errors, CancellationToken ct)
    {
        await using var command = await CommandAsync(
            $"SELECT ST_IsValid(g), ST_IsValidReason(g), ST_IsEmpty(g), ST_Area(g) FROM (SELECT {Geometry} AS g) s", ct);
        command.Parameters.AddWithValue("boundary", geoJson);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            if (!reader.GetBoolean(0)) errors.Add(field, $"Niepoprawna geometria: {reader.GetString(1)} (np. samoprzecięcie pierścienia).");
            else if (reader.GetBoolean(2) || reader.GetDouble(3) <= 0) errors.Add(field, "Geometria jest pusta albo ma zerową powierzchnię.");
        }
        catch (PostgresException ex)
        {
            errors.Add(field, $"PostGIS odrzucił geometrię: {ex.MessageText}");
        }
    }

    /// <summary>
    /// Measures a valid boundary for the territory rules: its area on the ellipsoid, and whether it lies within
    /// <paramref name="outlineGeoJson"/> widened by <paramref name="toleranceMetres"/> (in EPSG:2180).
    /// </summary>
    public async Task<BoundaryMeasure> MeasureBoundaryAsync(string geoJson, string? outlineGeoJson, double toleranceMetres, CancellationToken ct)
    {
        // The outline is made valid first (its simplification leaves self-intersecting rings); without one the test is NULL.
        await using var command = await CommandAsync($"""
            SELECT ST_Area(b.g::geography) / 10000.0,
                   ST_CoveredBy(ST_Transform(b.g, 2180), ST_Buffer(ST_Transform(ST_CollectionExtract(ST_MakeValid(
                       ST_SetSRID(ST_GeomFromGeoJSON(@outline), 4326)), 3), 2180), @tolerance))
            FROM (SELECT {Geometry} AS g) b
            """, ct);
        command.Parameters.AddWithValue("boundary", geoJson);
        command.Parameters.Add(Nullable("outline", NpgsqlDbType.Text, outlineGeoJson));
        command.Parameters.AddWithValue("tolerance", toleranceMetres);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new BoundaryMeasure(reader.GetDouble(0), reader.IsDBNull(1) ? null : reader.GetBoolean(1));
    }

    public async Task InsertZoneAsync(Guid id, ZoneInput z, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = await CommandAsync($"""
            INSERT INTO zones (id, name, gmina_teryt, kind, state, total_area_ha, available_area_ha, computed_area_ha,
                year_established, sse_name, psi_eligible, zoning_designation, utilities, railway_siding, ownership,
                price_min_pln_m2, price_max_pln_m2, contact_name, contact_email, contact_phone, description,
                approximate_boundary, boundary, version, created_at, updated_at)
            SELECT @id, @name, @gmina, @kind, @state, @total, @available, {string.Format(AreaHa, "b.g")},
                @year, @sse, @psi, @zoning, @utilities, @railway, @ownership,
                @price_min, @price_max, @contact_name, @contact_email, @contact_phone, @description,
                @approximate, b.g, 1, @now, @now
            FROM (SELECT {Geometry} AS g) b
            """, ct);
        command.Parameters.AddWithValue("id", id);
        AddZoneParameters(command, z, now);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<ZoneWriteState?> LockZoneAsync(Guid id, CancellationToken ct)
    {
        await using var command = await CommandAsync(
            "SELECT gmina_teryt, state, total_area_ha, available_area_ha, version FROM zones WHERE id = @id FOR UPDATE", ct);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new ZoneWriteState(id, reader.GetString(0), reader.GetString(1), reader.GetDecimal(2), reader.GetDecimal(3), reader.GetInt32(4));
    }

    public async Task UpdateZoneAsync(Guid id, ZoneInput z, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = await CommandAsync($"""
            UPDATE zones SET name = @name, gmina_teryt = @gmina, kind = @kind, state = @state,
                total_area_ha = @total, available_area_ha = @available, computed_area_ha = {string.Format(AreaHa, "b.g")},
                year_established = @year, sse_name = @sse, psi_eligible = @psi, zoning_designation = @zoning,
                utilities = @utilities, railway_siding = @railway, ownership = @ownership,
                price_min_pln_m2 = @price_min, price_max_pln_m2 = @price_max, contact_name = @contact_name,
                contact_email = @contact_email, contact_phone = @contact_phone, description = @description,
                approximate_boundary = @approximate, boundary = b.g, version = version + 1, updated_at = @now
            FROM (SELECT {Geometry} AS g) b
            WHERE zones.id = @id
            """, ct);
        command.Parameters.AddWithValue("id", id);
        AddZoneParameters(command, z, now);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Recomputes the nearest motorway junction (on the ellipsoid) of one zone, or of all when
    /// <paramref name="zoneId"/> is null (after reference places change), and returns the derived values.
    /// </summary>
    public async Task RefreshMotorwayAsync(Guid? zoneId, CancellationToken ct)
    {
        await using var command = await CommandAsync("""
            UPDATE zones z SET (motorway_junction_id, motorway_km) = (
                SELECT r.id, ST_Distance(z.boundary::geography, r.location::geography) / 1000.0
                FROM reference_places r
                WHERE r.kind = 'motorway_junction'
                ORDER BY ST_Distance(z.boundary::geography, r.location::geography)
                LIMIT 1)
            WHERE @id::uuid IS NULL OR z.id = @id
            """, ct);
        command.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Uuid) { Value = (object?)zoneId ?? DBNull.Value });
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<ZoneDerived> ReadDerivedAsync(Guid id, CancellationToken ct)
    {
        await using var command = await CommandAsync(
            "SELECT computed_area_ha, motorway_km, year_established, sse_name, psi_eligible, version FROM zones WHERE id = @id", ct);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new ZoneDerived(reader.GetDecimal(0), reader.IsDBNull(1) ? null : reader.GetDouble(1),
            reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetBoolean(4), reader.GetInt32(5));
    }

    /// <summary>
    /// Copies the zone as it now stands (after the write and the motorway refresh) into its history, in the
    /// same transaction: the version its event announces.
    /// </summary>
    public async Task RecordZoneVersionAsync(Guid id, CancellationToken ct)
    {
        await using var command = await CommandAsync("""
            INSERT INTO zone_versions (zone_id, version, name, gmina_teryt, kind, state, total_area_ha, available_area_ha, computed_area_ha,
                                       year_established, sse_name, psi_eligible, motorway_km, written_at)
            SELECT id, version, name, gmina_teryt, kind, state, total_area_ha, available_area_ha, computed_area_ha,
                   year_established, sse_name, psi_eligible, motorway_km, updated_at
            FROM zones WHERE id = @id
            """, ct);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync(ct);
    }

    // ---- plots ----

    /// <summary>True when the plot lies inside the zone (0.5 m of tolerance in EPSG:2180 for shared edges).</summary>
    public async Task<bool> PlotInsideZoneAsync(Guid zoneId, string geoJson, CancellationToken ct)
    {
        await using var command = await CommandAsync($"""
            SELECT ST_CoveredBy(ST_Transform({Geometry}, 2180), ST_Buffer(ST_Transform(z.boundary, 2180), 0.5))
            FROM zones z WHERE z.id = @zone
            """, ct);
        command.Parameters.AddWithValue("boundary", geoJson);
        command.Parameters.AddWithValue("zone", zoneId);
        return await command.ExecuteScalarAsync(ct) is true;
    }

    /// <summary>Parcels of the zone whose boundary would fall outside the new zone boundary.</summary>
    public async Task<IReadOnlyList<string>> PlotsOutsideAsync(Guid zoneId, string zoneGeoJson, CancellationToken ct)
    {
        await using var command = await CommandAsync($"""
            SELECT p.parcel_id FROM plots p, (SELECT ST_Buffer(ST_Transform({Geometry}, 2180), 0.5) AS g) b
            WHERE p.zone_id = @zone AND p.boundary IS NOT NULL AND NOT ST_CoveredBy(ST_Transform(p.boundary, 2180), b.g)
            ORDER BY p.parcel_id
            """, ct);
        command.Parameters.AddWithValue("boundary", zoneGeoJson);
        command.Parameters.AddWithValue("zone", zoneId);
        var parcels = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) parcels.Add(reader.GetString(0));
        return parcels;
    }

    public async Task<bool> ParcelTakenAsync(Guid zoneId, string parcelId, Guid? exceptPlot, CancellationToken ct)
    {
        await using var command = await CommandAsync(
            "SELECT EXISTS (SELECT 1 FROM plots WHERE zone_id = @zone AND parcel_id = @parcel AND id <> @except)", ct);
        command.Parameters.AddWithValue("zone", zoneId);
        command.Parameters.AddWithValue("parcel", parcelId);
        command.Parameters.AddWithValue("except", exceptPlot ?? Guid.Empty);
        return await command.ExecuteScalarAsync(ct) is true;
    }

    public async Task InsertPlotAsync(Guid id, Guid zoneId, PlotInput plot, DateTimeOffset now, CancellationToken ct)
    {
        var geometry = plot.BoundaryGeoJson is null ? "NULL::geometry" : Geometry;
        await using var command = await CommandAsync($"""
            INSERT INTO plots (id, zone_id, parcel_id, area_ha, state, boundary, computed_area_ha, version, updated_at)
            SELECT @id, @zone, @parcel, @area, @state, b.g, {string.Format(AreaHa, "b.g")}, 1, @now
            FROM (SELECT {geometry} AS g) b
            """, ct);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("zone", zoneId);
        AddPlotParameters(command, plot, now);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<PlotWriteState?> LockPlotAsync(Guid zoneId, Guid plotId, CancellationToken ct)
    {
        await using var command = await CommandAsync(
            "SELECT parcel_id, state, area_ha, version FROM plots WHERE id = @id AND zone_id = @zone FOR UPDATE", ct);
        command.Parameters.AddWithValue("id", plotId);
        command.Parameters.AddWithValue("zone", zoneId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new PlotWriteState(plotId, zoneId, reader.GetString(0), reader.GetString(1), reader.GetDecimal(2), reader.GetInt32(3));
    }

    public async Task UpdatePlotAsync(Guid id, PlotInput plot, DateTimeOffset now, CancellationToken ct)
    {
        var geometry = plot.BoundaryGeoJson is null ? "NULL::geometry" : Geometry;
        await using var command = await CommandAsync($"""
            UPDATE plots SET parcel_id = @parcel, area_ha = @area, state = @state, boundary = b.g,
                computed_area_ha = {string.Format(AreaHa, "b.g")}, version = version + 1, updated_at = @now
            FROM (SELECT {geometry} AS g) b
            WHERE plots.id = @id
            """, ct);
        command.Parameters.AddWithValue("id", id);
        AddPlotParameters(command, plot, now);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Copies the plot as it now stands into its history, with its zone's gmina and year at this moment.</summary>
    public async Task RecordPlotVersionAsync(Guid plotId, string? previousState, CancellationToken ct)
    {
        await using var command = await CommandAsync("""
            INSERT INTO plot_versions (plot_id, version, zone_id, parcel_id, gmina_teryt, area_ha, state, previous_state,
                                       zone_year_established, written_at)
            SELECT p.id, p.version, p.zone_id, p.parcel_id, z.gmina_teryt, p.area_ha, p.state, @previous, z.year_established, p.updated_at
            FROM plots p JOIN zones z ON z.id = p.zone_id WHERE p.id = @id
            """, ct);
        command.Parameters.AddWithValue("id", plotId);
        command.Parameters.Add(Nullable("previous", NpgsqlDbType.Text, previousState));
        await command.ExecuteNonQueryAsync(ct);
    }

    private static void AddPlotParameters(NpgsqlCommand command, PlotInput plot, DateTimeOffset now)
    {
        var p = command.Parameters;
        p.AddWithValue("parcel", plot.ParcelId!.Trim());
        p.AddWithValue("area", plot.AreaHa!.Value);
        p.AddWithValue("state", plot.State!);
        if (plot.BoundaryGeoJson is not null) p.AddWithValue("boundary", plot.BoundaryGeoJson);
        p.AddWithValue("now", now);
    }

    private static void AddZoneParameters(NpgsqlCommand command, ZoneInput z, DateTimeOffset now)
    {
        var p = command.Parameters;
        p.AddWithValue("name", z.Name!.Trim());
        p.AddWithValue("gmina", z.GminaTeryt!);
        p.AddWithValue("kind", z.Kind!);
        p.AddWithValue("state", z.State!);
        p.AddWithValue("total", z.TotalAreaHa!.Value);
        p.AddWithValue("available", z.AvailableAreaHa!.Value);
        p.Add(Nullable("year", NpgsqlDbType.Integer, z.YearEstablished));
        p.Add(Nullable("sse", NpgsqlDbType.Text, Blank(z.SseName)));
        p.AddWithValue("psi", z.PsiEligible);
        p.Add(Nullable("zoning", NpgsqlDbType.Text, Blank(z.ZoningDesignation)));
        p.Add(new NpgsqlParameter("utilities", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(z.Utilities ?? new Dictionary<string, string>()) });
        p.AddWithValue("railway", z.RailwaySiding);
        p.AddWithValue("ownership", z.Ownership!);
        p.Add(Nullable("price_min", NpgsqlDbType.Numeric, z.PriceMinPlnM2));
        p.Add(Nullable("price_max", NpgsqlDbType.Numeric, z.PriceMaxPlnM2));
        p.Add(Nullable("contact_name", NpgsqlDbType.Text, Blank(z.Contact?.Name)));
        p.Add(Nullable("contact_email", NpgsqlDbType.Text, Blank(z.Contact?.Email)));
        p.Add(Nullable("contact_phone", NpgsqlDbType.Text, Blank(z.Contact?.Phone)));
        p.Add(Nullable("description", NpgsqlDbType.Text, Blank(z.Description)));
        p.AddWithValue("approximate", z.ApproximateBoundary);
        p.AddWithValue("boundary", z.BoundaryGeoJson!);
        p.AddWithValue("now", now);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static NpgsqlParameter Nullable(string name, NpgsqlDbType type, object? value) =>
        new(name, type) { Value = value ?? DBNull.Value };
}
