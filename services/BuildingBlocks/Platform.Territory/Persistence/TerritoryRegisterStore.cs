using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Platform.Territory.Persistence;

/// <summary>Reads and replaces the register (or a service's copy of it) in the service's database.</summary>
public interface ITerritoryRegisterStore
{
    Task<RegisterVersion?> GetVersionAsync(CancellationToken ct);
    Task<IReadOnlyList<TerritorialUnit>> LoadUnitsAsync(CancellationToken ct);

    /// <summary>
    /// Makes the stored register exactly <paramref name="units"/> at <paramref name="version"/>. Runs in the
    /// context's current transaction when there is one (the owner's import with its outbox row, a copy's inbox row).
    /// </summary>
    Task ReplaceAsync(IReadOnlyCollection<TerritorialUnit> units, RegisterVersion version, CancellationToken ct);
}

public sealed class TerritoryRegisterStore<TContext>(TContext db) : ITerritoryRegisterStore where TContext : DbContext
{
    public async Task<RegisterVersion?> GetVersionAsync(CancellationToken ct) =>
        await db.Set<RegisterStateRecord>().AsNoTracking().Where(s => s.Id == 1)
            .Select(s => new RegisterVersion(s.Version, s.StateAsOf)).SingleOrDefaultAsync(ct);

    public async Task<IReadOnlyList<TerritorialUnit>> LoadUnitsAsync(CancellationToken ct)
    {
        var rows = await db.Set<RegisterUnitRecord>().AsNoTracking().ToListAsync(ct);
        return rows.ConvertAll(RegisterMappers.ToUnit);
    }

    public async Task ReplaceAsync(IReadOnlyCollection<TerritorialUnit> units, RegisterVersion version, CancellationToken ct)
    {
        // One statement for ~4,400 rows (arrays unnested server-side) instead of as many INSERTs.
        string[] codes = [.. units.Select(u => u.Code)];
        await db.Database.ExecuteSqlRawAsync("DELETE FROM register_units WHERE NOT (code = ANY(@codes))", [Array("codes", codes)], ct);
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO register_units (code, name, level, kind, parent_code, description, valid_from, valid_to, former_names)
            SELECT c, n, l, k, p, d, f::date, t::date, j::jsonb
            FROM unnest(@codes, @names, @levels, @kinds, @parents, @descriptions, @froms, @tos, @formers) AS u(c, n, l, k, p, d, f, t, j)
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, kind = excluded.kind,
                parent_code = excluded.parent_code, description = excluded.description, valid_from = excluded.valid_from,
                valid_to = excluded.valid_to, former_names = excluded.former_names
            """,
            [
                Array("codes", codes),
                Array("names", [.. units.Select(u => u.Name)]),
                Array("levels", [.. units.Select(u => u.Level)]),
                Array("kinds", [.. units.Select(u => u.Kind)]),
                Array("parents", [.. units.Select(u => u.ParentCode)]),
                Array("descriptions", [.. units.Select(u => u.Description)]),
                Array("froms", [.. units.Select(u => u.ValidFrom?.ToString("yyyy-MM-dd"))]),
                Array("tos", [.. units.Select(u => u.ValidTo?.ToString("yyyy-MM-dd"))]),
                Array("formers", [.. units.Select(RegisterMappers.FormerNamesJson)]),
            ], ct);
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO register_state (id, version, state_as_of, updated_at) VALUES (1, @version, @state, now())
            ON CONFLICT (id) DO UPDATE SET version = excluded.version, state_as_of = excluded.state_as_of, updated_at = now()
            """,
            [new NpgsqlParameter("version", version.Version), new NpgsqlParameter("state", NpgsqlDbType.Date) { Value = (object?)version.StateAsOf ?? DBNull.Value }], ct);
    }

    private static NpgsqlParameter Array(string name, string?[] values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values };
}
