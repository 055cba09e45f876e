using LabourMarket.Api.Application;
using LabourMarket.Api.Domain;
using LabourMarket.Api.Persistence;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Errors;

namespace LabourMarket.Api.Import;

/// <summary>
/// Loads more territorial units from CSV (<c>teryt;name;level;kind;parent</c>, header row, ';' or ','):
/// new units are added, known ones updated. Parents must come before their children or exist already.
/// All or nothing: a bad line rejects the file.
/// </summary>
public sealed class UnitCsvImport(LabourMarketDbContext db)
{
    public async Task<int> ImportAsync(TextReader reader, CancellationToken ct)
    {
        var known = await db.Units.ToDictionaryAsync(u => u.Teryt, StringComparer.Ordinal, ct);
        var errors = new ValidationErrors();
        var header = await reader.ReadLineAsync(ct);
        if (header is null) throw ValidationFailedException.Single("body", "empty CSV: expected the header teryt;name;level;kind;parent.");
        var separator = header.Contains(';') ? ';' : ',';
        var line = 1;
        var count = 0;
        while (await reader.ReadLineAsync(ct) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            var f = text.Split(separator).Select(s => s.Trim()).ToArray();
            if (f.Length < 3) { errors.Add($"line[{line}]", "expected teryt;name;level;kind;parent."); continue; }
            string teryt = f[0], name = f[1], level = f[2];
            var kind = f.Length > 3 && f[3].Length > 0 ? f[3] : null;
            var parent = f.Length > 4 && f[4].Length > 0 ? f[4] : null;
            if (teryt.Length == 0 || name.Length == 0) errors.Add($"line[{line}]", "teryt and name are required.");
            if (!UnitLevels.All.Contains(level)) errors.Add($"line[{line}].level", $"'{level}' is not one of {string.Join(", ", UnitLevels.All)}.");
            if (kind is not null && !UnitLevels.Kinds.Contains(kind)) errors.Add($"line[{line}].kind", $"'{kind}' is not one of {string.Join(", ", UnitLevels.Kinds)}.");
            if (parent is not null && !known.ContainsKey(parent)) errors.Add($"line[{line}].parent", $"unknown parent '{parent}'.");
            if (known.TryGetValue(teryt, out var unit))
            {
                unit.Name = name; unit.Level = level; unit.Kind = kind; unit.ParentTeryt = parent;
            }
            else
            {
                known[teryt] = unit = new TerritorialUnit { Teryt = teryt, Name = name, Level = level, Kind = kind, ParentTeryt = parent };
                db.Units.Add(unit);
            }
            count++;
        }
        errors.ThrowIfAny();
        await db.SaveChangesAsync(ct);
        return count;
    }
}
