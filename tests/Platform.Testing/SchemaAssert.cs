using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Platform.Testing;

/// <summary>
/// Compares the EF Core model with the schema the SQL migrations produced: every mapped table and
/// column must exist with the same type and nullability, and no unmapped required column may lurk
/// in a mapped table (inserts through EF would fail on it).
/// </summary>
public static class SchemaAssert
{
    private sealed record DbColumn(string Type, bool Nullable, bool HasDefault);

    public static async Task ModelMatchesDatabaseAsync(DbContext db, string connectionString)
    {
        var actual = await ReadSchemaAsync(connectionString);
        var problems = new List<string>();
        var model = db.GetService<IDesignTimeModel>().Model;

        foreach (var entity in model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            if (table is null) continue;
            if (!actual.TryGetValue(table, out var columns))
            {
                problems.Add($"table {table} (entity {entity.DisplayName()}) does not exist");
                continue;
            }
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            var mapped = new HashSet<string>();
            foreach (var property in entity.GetProperties())
            {
                var name = property.GetColumnName(store);
                if (name is null) continue;
                mapped.Add(name);
                if (!columns.TryGetValue(name, out var column))
                {
                    problems.Add($"{table}.{name} is mapped but does not exist");
                    continue;
                }
                var expectedType = property.GetColumnType(store);
                if (!string.Equals(Normalize(expectedType), Normalize(column.Type), StringComparison.OrdinalIgnoreCase))
                    problems.Add($"{table}.{name}: model type {expectedType}, database type {column.Type}");
                if (property.IsColumnNullable(store) != column.Nullable)
                    problems.Add($"{table}.{name}: model nullable={property.IsColumnNullable(store)}, database nullable={column.Nullable}");
            }
            foreach (var (name, column) in columns)
            {
                if (!mapped.Contains(name) && !column.Nullable && !column.HasDefault)
                    problems.Add($"{table}.{name} is required in the database but not mapped in the model");
            }
        }

        if (problems.Count > 0)
            throw new Xunit.Sdk.XunitException("EF model and migrated schema disagree:\n  " + string.Join("\n  ", problems));
    }

    private static string Normalize(string type) => type.Replace("timestamptz", "timestamp with time zone").Trim();

    private static async Task<Dictionary<string, Dictionary<string, DbColumn>>> ReadSchemaAsync(string connectionString)
    {
        const string sql = """
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull,
                   a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> ''
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
            """;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new Dictionary<string, Dictionary<string, DbColumn>>();
        while (await reader.ReadAsync())
        {
            var table = reader.GetString(0);
            if (!tables.TryGetValue(table, out var columns)) tables[table] = columns = [];
            columns[reader.GetString(1)] = new DbColumn(reader.GetString(2), reader.GetBoolean(3), reader.GetBoolean(4));
        }
        return tables;
    }
}
