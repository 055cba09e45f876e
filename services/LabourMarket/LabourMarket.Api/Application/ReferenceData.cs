using LabourMarket.Api.Domain;
using LabourMarket.Api.Persistence;
using Microsoft.EntityFrameworkCore;
using Platform.Territory;
using Platform.Territory.Persistence;

namespace LabourMarket.Api.Application;

/// <summary>
/// What a batch is checked against: the TERYT register (the shared in-memory index, ~4,400 units, looked up per
/// row without touching the database) and the indicators (a few rows, read once per batch).
/// </summary>
public sealed record ReferenceData(TerritoryIndex Units, IReadOnlyDictionary<string, Indicator> Indicators)
{
    public static async Task<ReferenceData> LoadAsync(LabourMarketDbContext db, TerritoryRegisterCache register, CancellationToken ct)
    {
        var units = await register.GetAsync(ct);
        var indicators = await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Code, StringComparer.Ordinal, ct);
        return new ReferenceData(units, indicators);
    }
}
