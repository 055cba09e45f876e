using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Identity;
using Zones.Api.Persistence;

namespace Zones.Api.Application;

/// <summary>One page of the history export: zone versions or plot versions, and the cursor after its last row.</summary>
public sealed record ZoneHistoryPage(IReadOnlyList<ZoneVersionRecord> Zones, IReadOnlyList<PlotVersionRecord> Plots, string Cursor);

/// <summary>
/// Every stored version of every zone, then of every plot, one page at a time: for read models that reload
/// themselves. Keyset pages on the primary keys ((zone_id, version) &gt; cursor) keep each query short and
/// memory flat, and make the cursor ("zone:{id}:{version}" or "plot:{id}:{version}") a resume point. Reads only.
/// </summary>
public sealed class ZoneHistoryExport(ZonesDbContext db)
{
    public const int DefaultPageSize = 1000;
    // 5 000 versions of ~150 bytes stay far below the 4 MiB a client accepts by default.
    public const int MaxPageSize = 5000;

    private const string ZonePrefix = "zone:";
    private const string PlotPrefix = "plot:";

    public async IAsyncEnumerable<ZoneHistoryPage> ExportAsync(string? cursor, int pageSize, PlatformCaller caller, [EnumeratorCancellation] CancellationToken ct)
    {
        // The whole history is not the public register: analysts, admins and services (reporting's rebuild) only.
        caller.DemandRole("eksportować historii stref inwestycyjnych", PlatformRoles.Analyst, PlatformRoles.Service);
        var errors = new ValidationErrors();
        var (plots, id, version) = ParseCursor(cursor, errors);
        if (pageSize is < 0 or > MaxPageSize) errors.Add("pageSize", $"Rozmiar strony: 1–{MaxPageSize} (0 = {DefaultPageSize}).");
        errors.ThrowIfAny();
        var size = pageSize == 0 ? DefaultPageSize : pageSize;

        if (!plots)
        {
            await foreach (var page in ZonePagesAsync(id, version, size, ct)) yield return page;
            (id, version) = (Guid.Empty, 0);
        }
        await foreach (var page in PlotPagesAsync(id, version, size, ct)) yield return page;
    }

    private async IAsyncEnumerable<ZoneHistoryPage> ZonePagesAsync(Guid id, int version, int size, [EnumeratorCancellation] CancellationToken ct)
    {
        while (true)
        {
            var page = await db.ZoneVersions.FromSql($"SELECT * FROM zone_versions WHERE (zone_id, version) > ({id}, {version})")
                .AsNoTracking().OrderBy(v => v.ZoneId).ThenBy(v => v.Version).Take(size).ToListAsync(ct);
            if (page.Count == 0) yield break;
            (id, version) = (page[^1].ZoneId, page[^1].Version);
            yield return new ZoneHistoryPage(page, [], $"{ZonePrefix}{id}:{version}");
            if (page.Count < size) yield break;
        }
    }

    private async IAsyncEnumerable<ZoneHistoryPage> PlotPagesAsync(Guid id, int version, int size, [EnumeratorCancellation] CancellationToken ct)
    {
        while (true)
        {
            var page = await db.PlotVersions.FromSql($"SELECT * FROM plot_versions WHERE (plot_id, version) > ({id}, {version})")
                .AsNoTracking().OrderBy(v => v.PlotId).ThenBy(v => v.Version).Take(size).ToListAsync(ct);
            if (page.Count == 0) yield break;
            (id, version) = (page[^1].PlotId, page[^1].Version);
            yield return new ZoneHistoryPage([], page, $"{PlotPrefix}{id}:{version}");
            if (page.Count < size) yield break;
        }
    }

    /// <summary>Empty = from the first zone version; otherwise a cursor this export gave, or an error under "cursor".</summary>
    private static (bool Plots, Guid Id, int Version) ParseCursor(string? cursor, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(cursor)) return (false, Guid.Empty, 0);
        var parts = cursor.Split(':');
        if (parts.Length == 3 && parts[0] is "zone" or "plot" && Guid.TryParse(parts[1], out var id)
            && int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
            return (parts[0] == "plot", id, version);
        errors.Add("cursor", "Nieznany kursor wznowienia: podaj kursor ostatniej otrzymanej strony albo pusty (od początku).");
        return default;
    }
}
