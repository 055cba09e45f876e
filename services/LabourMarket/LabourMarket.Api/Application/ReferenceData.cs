using LabourMarket.Api.Domain;
using LabourMarket.Api.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LabourMarket.Api.Application;

/// <summary>The units and indicators a batch is checked against: a few dozen rows, read once per batch.</summary>
public sealed record ReferenceData(
    IReadOnlyDictionary<string, TerritorialUnit> Units,
    IReadOnlyDictionary<string, Indicator> Indicators)
{
    public static async Task<ReferenceData> LoadAsync(LabourMarketDbContext db, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Teryt, StringComparer.Ordinal, ct);
        var indicators = await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Code, StringComparer.Ordinal, ct);
        return new ReferenceData(units, indicators);
    }
}
