using Npgsql;

namespace Zones.Api.Persistence;

public sealed record ReferencePlaceInput(Guid Id, string Code, string Kind, string Name, string? Road, double Lon, double Lat, bool Approximate);

/// <summary>Reference places are configuration rather than offer: upserted by code, then every zone's junction distance is recomputed.</summary>
public sealed class ReferencePlaceStore(NpgsqlDataSource dataSource)
{
    /// <summary>Inserts or updates the places; returns how many rows changed.</summary>
    public async Task<int> UpsertAsync(IEnumerable<ReferencePlaceInput> places, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var changed = 0;
        foreach (var p in places)
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO reference_places (id, code, kind, name, road, approximate, location)
                VALUES (@id, @code, @kind, @name, @road, @approximate, ST_SetSRID(ST_MakePoint(@lon, @lat), 4326))
                ON CONFLICT (code) DO UPDATE SET kind = excluded.kind, name = excluded.name, road = excluded.road,
                    approximate = excluded.approximate, location = excluded.location
                WHERE (reference_places.kind, reference_places.name, reference_places.road, reference_places.approximate, reference_places.location)
                      IS DISTINCT FROM (excluded.kind, excluded.name, excluded.road, excluded.approximate, excluded.location)
                """, connection, transaction);
            command.Parameters.AddWithValue("id", p.Id);
            command.Parameters.AddWithValue("code", p.Code);
            command.Parameters.AddWithValue("kind", p.Kind);
            command.Parameters.AddWithValue("name", p.Name);
            command.Parameters.Add(new NpgsqlParameter("road", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)p.Road ?? DBNull.Value });
            command.Parameters.AddWithValue("approximate", p.Approximate);
            command.Parameters.AddWithValue("lon", p.Lon);
            command.Parameters.AddWithValue("lat", p.Lat);
            changed += await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return changed;
    }
}
