using LabourMarket.Api.Application;
using LabourMarket.Api.Persistence;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Errors;
using Platform.Territory;
using Platform.Territory.Persistence;

namespace LabourMarket.Api.Territory;

/// <summary>Reads of the register: search, one unit, the summary. All in memory on the cached index but the import history.</summary>
public sealed class TerritoryQueries(TerritoryRegisterCache cache, LabourMarketDbContext db)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int MaxQueryLength = 100;
    // Ranked matches are paged in memory: more than this is no longer a search.
    private const int MaxMatches = 5000;

    public async Task<PageView<RegisterUnitView>> SearchAsync(string? q, string? level, string? within, int page, int pageSize, CancellationToken ct)
    {
        var index = await cache.GetAsync(ct);
        var errors = new ValidationErrors();
        q = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        level = string.IsNullOrWhiteSpace(level) ? null : level.Trim();
        within = string.IsNullOrWhiteSpace(within) ? null : within.Trim();
        if (q is { Length: > MaxQueryLength }) errors.Add("q", $"Szukany tekst: najwyżej {MaxQueryLength} znaków.");
        if (level is not null) errors.OneOf("level", level, UnitLevels.All);
        if (within is not null && !index.Exists(within)) errors.Add("within", $"Nie ma jednostki o kodzie „{Cut(within)}” w rejestrze TERYT.");
        var (p, size) = QueryParameters.Page(page, pageSize, DefaultPageSize, MaxPageSize);
        errors.ThrowIfAny();

        IReadOnlyList<TerritorialUnit> found;
        if (q is not null) found = index.Search(q, level, within, MaxMatches);
        else
        {
            // No text: the units under `within` (its children, or all of the level below it), in code order.
            var root = within ?? TerritorialUnit.RootCode;
            found = (level is null ? index.Children(root) : index.Descendants(root, level)).OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
        }
        var items = found.Skip((p - 1) * size).Take(size).Select(u => u.ToView(index)).ToList();
        return new PageView<RegisterUnitView>(items, found.Count, p, size);
    }

    public async Task<UnitDetailsView> GetAsync(string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code)) throw ValidationFailedException.Single("code", "Pole jest wymagane.");
        code = code.Trim();
        var index = await cache.GetAsync(ct);
        var unit = index.Find(code) ?? throw new NotFoundException($"Nie ma jednostki o kodzie „{Cut(code)}” w rejestrze TERYT.");
        return new UnitDetailsView(
            unit.ToView(index), unit.IsCurrent,
            unit.FormerNames.Select(f => new FormerNameView(f.Name, f.ValidFrom, f.ValidTo)).ToList(),
            TerritoryViewMappers.CountsByLevel(index.Children(unit.Code)),
            TerritoryViewMappers.CountsByLevel(index.Descendants(unit.Code)));
    }

    public async Task<RegisterSummaryView> RegisterAsync(CancellationToken ct)
    {
        var index = await cache.GetAsync(ct);
        var imports = await db.Set<RegisterImportRecord>().AsNoTracking().OrderByDescending(i => i.Id).Take(10).ToListAsync(ct);
        return new RegisterSummaryView(index.Version, index.StateAsOf, TerritoryViewMappers.CountsByLevel(index),
            imports.ConvertAll(i => new RegisterImportView(i.Version, i.FileName, i.StateAsOf, i.Encoding, i.Rows, i.Added, i.Renamed,
                i.Ended, i.Reinstated, i.ImportedAt, i.ImportedBy)));
    }

    // An unknown code is quoted back; a caller's kilobyte of text is not.
    private static string Cut(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
