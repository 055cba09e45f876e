using LabourMarket.Api.Domain;
using LabourMarket.Api.Persistence;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Identity;
using Platform.ServiceDefaults.Errors;

namespace LabourMarket.Api.Application;

/// <summary>
/// Every stored revision (of every batch, or of one), in id order, one page at a time: for read models
/// that reload themselves. Keyset pages (id &gt; cursor) keep each query short and memory flat however
/// many rows there are, and make the cursor a resume point. Reads only.
/// </summary>
public sealed class ObservationExport(LabourMarketDbContext db)
{
    public const int DefaultPageSize = 2000;
    // 5 000 rows of at most ~500 bytes (a 300-character source) stay under the 4 MiB a client accepts by default.
    public const int MaxPageSize = 5000;

    public async IAsyncEnumerable<IReadOnlyList<Observation>> ExportAsync(
        string? batchId, long afterId, int pageSize, PlatformCaller caller, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        // A full dump of every revision is not the public series API: analysts, admins and services only.
        caller.DemandRole("eksportować wszystkich danych o bezrobociu", PlatformRoles.Analyst, PlatformRoles.Service);
        var errors = new ValidationErrors();
        batchId = string.IsNullOrWhiteSpace(batchId) ? null : batchId.Trim();
        if (batchId is { Length: > 100 }) errors.Add("batch_id", "Identyfikator paczki: najwyżej 100 znaków.");
        if (afterId < 0) errors.Add("after_id", "Kursor wznowienia nie może być ujemny (0 = od początku).");
        if (pageSize is < 0 or > MaxPageSize) errors.Add("page_size", $"Rozmiar strony: 1–{MaxPageSize} (0 = {DefaultPageSize}).");
        errors.ThrowIfAny();
        var size = pageSize == 0 ? DefaultPageSize : pageSize;

        var cursor = afterId;
        while (true)
        {
            var query = db.Observations.AsNoTracking().Where(o => o.Id > cursor);
            if (batchId is not null) query = query.Where(o => o.BatchId == batchId);
            var page = await query.OrderBy(o => o.Id).Take(size).ToListAsync(ct);
            if (page.Count == 0) yield break;
            yield return page;
            if (page.Count < size) yield break;
            cursor = page[^1].Id;
        }
    }
}
