using Platform.Text;
using LabourMarket.Api.Domain;
using LabourMarket.Api.Persistence;
using LabourMarket.Api.Territory;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Errors;
using Platform.Territory;
using Platform.Territory.Persistence;

namespace LabourMarket.Api.Application;

/// <summary>Series, latest values, comparisons, changes and shares — current or "as known on" a date.</summary>
public sealed class LabourQueries(LabourMarketDbContext db, TerritoryRegisterCache cache)
{
    public async Task<IndicatorsView> IndicatorsAsync(CancellationToken ct)
    {
        var indicators = await db.Indicators.AsNoTracking().OrderBy(i => i.Code).ToListAsync(ct);
        return new IndicatorsView(indicators.Select(i => i.ToView()).ToList(),
            Breakdowns.All.Select(b => new BreakdownView(b.Code, b.Name)).ToList());
    }

    /// <summary>Units of the register (ended ones too, they may still have figures) under a TERYT prefix, in code order.</summary>
    public async Task<PageView<UnitView>> UnitsAsync(string? parent, int page, int pageSize, CancellationToken ct)
    {
        var (p, size) = QueryParameters.Page(page, pageSize, 100, 1000);
        var index = await cache.GetAsync(ct);
        IEnumerable<TerritorialUnit> units = index.Units;
        // TERYT codes nest by prefix ("12" ⊃ "1203" ⊃ "1203033"); the country "PL" is above them all.
        parent = string.IsNullOrWhiteSpace(parent) ? null : parent.Trim();
        if (parent == TerritorialUnit.RootCode) units = units.Where(u => u.Code != parent);
        else if (parent is not null) units = units.Where(u => u.Code.StartsWith(parent, StringComparison.Ordinal) && u.Code != parent);
        var matching = units.ToList();
        var items = matching.Skip((p - 1) * size).Take(size).Select(u => u.ToView()).ToList();
        return new PageView<UnitView>(items, matching.Count, p, size);
    }

    public async Task<SeriesView> SeriesAsync(string? indicator, string? unit, string? from, string? to, string? breakdown, string? asOf, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var fromPeriod = QueryParameters.OptionalPeriod(from, "from", errors);
        var toPeriod = QueryParameters.OptionalPeriod(to, "to", errors);
        if (fromPeriod is { } f && toPeriod is { } t && f.Kind != t.Kind) errors.Add("to", "must be the same kind of period as 'from'.");
        var code = QueryParameters.Breakdown(breakdown, errors);
        var known = QueryParameters.AsOf(asOf, errors);
        var (info, teryt) = await IndicatorAndUnitAsync(indicator, unit, errors, ct);

        var query = Known(known).Where(o => o.IndicatorCode == info.Code && o.UnitTeryt == teryt && o.Breakdown == code);
        if ((fromPeriod ?? toPeriod) is { } kindOf)
        {
            var kind = kindOf.KindCode;
            query = query.Where(o => o.PeriodKind == kind);
        }
        if (fromPeriod is { } lower)
        {
            var text = lower.ToString();
            query = query.Where(o => string.Compare(o.Period, text) >= 0);
        }
        if (toPeriod is { } upper)
        {
            var text = upper.ToString();
            query = query.Where(o => string.Compare(o.Period, text) <= 0);
        }
        var points = Ordered(await query.ToListAsync(ct));
        return new SeriesView(info, teryt, code, known, points);
    }

    public async Task<LatestView> LatestAsync(string? indicator, string? unit, string? breakdown, string? frequency, string? asOf, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var code = QueryParameters.Breakdown(breakdown, errors);
        var known = QueryParameters.AsOf(asOf, errors);
        string? kind = null;
        if (!string.IsNullOrWhiteSpace(frequency))
        {
            if (Period.TryParseKind(frequency, out var k)) kind = Period.KindToCode(k);
            else errors.Add("frequency", "must be year, quarter or month.");
        }
        var (info, teryt) = await IndicatorAndUnitAsync(indicator, unit, errors, ct);
        var query = Known(known).Where(o => o.IndicatorCode == info.Code && o.UnitTeryt == teryt && o.Breakdown == code);
        if (kind is not null) query = query.Where(o => o.PeriodKind == kind);
        // One key's history is short (a few hundred periods): order by period start in memory.
        var latest = Ordered(await query.ToListAsync(ct)).LastOrDefault();
        return new LatestView(info, latest);
    }

    public async Task<CompareView> CompareAsync(string? indicator, string? period, IReadOnlyList<string> units, string? parent, string? breakdown, string? asOf, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var when = QueryParameters.RequiredPeriod(period, "period", errors);
        var code = QueryParameters.Breakdown(breakdown, errors);
        var known = QueryParameters.AsOf(asOf, errors);
        var info = await IndicatorAsync(indicator, errors, ct);
        var index = await cache.GetAsync(ct);
        var compared = UnitsToCompare(index, units, parent, errors);
        errors.ThrowIfAny();

        var text = when.ToString();
        var teryts = compared.Select(u => u.Code).ToList();
        var found = await Known(known)
            .Where(o => o.IndicatorCode == info!.Code && o.Breakdown == code && o.Period == text && teryts.Contains(o.UnitTeryt))
            .ToListAsync(ct);
        var byUnit = found.ToDictionary(o => o.UnitTeryt, StringComparer.Ordinal);
        var values = compared.Select(u => new UnitValueView(u.ToView(), byUnit.GetValueOrDefault(u.Code)?.ToView())).ToList();
        return new CompareView(info!, text, values);
    }

    /// <summary>Most units one comparison names: every gmina of Poland fits.</summary>
    public const int MaxComparedUnits = 5000;

    /// <summary>
    /// The units of a comparison: an explicit list (a functional area, any mix of levels) in the order given,
    /// or every current unit directly under a parent (a powiat's gminy, a voivodeship's powiaty), in code order.
    /// </summary>
    private static List<TerritorialUnit> UnitsToCompare(TerritoryIndex index, IReadOnlyList<string> units, string? parent, ValidationErrors errors)
    {
        if (units.Count > 0)
        {
            if (units.Count > MaxComparedUnits) { errors.Add("units", $"Najwyżej {PolishFormat.Count(MaxComparedUnits, "jednostka", "jednostki", "jednostek")} w jednym porównaniu."); return []; }
            var compared = new List<TerritorialUnit>(units.Count);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var code in units)
            {
                if (index.Find(code) is not { } unit) errors.Add("units", $"Nieznany kod TERYT „{Cut(code)}”.");
                else if (seen.Add(unit.Code)) compared.Add(unit);
            }
            return compared;
        }
        if (!string.IsNullOrWhiteSpace(parent))
        {
            parent = parent.Trim();
            if (!index.Exists(parent)) { errors.Add("parent", $"Nieznany kod TERYT „{Cut(parent)}”."); return []; }
            var children = index.Children(parent).OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
            if (children.Count == 0) errors.Add("parent", $"Jednostka {parent} nie ma jednostek podrzędnych.");
            return children;
        }
        errors.Add("units", "Podaj porównywane jednostki albo jednostkę nadrzędną, której jednostki porównać.");
        return [];
    }

    public async Task<ChangesView> ChangesAsync(string? indicator, string? unit, string? basePeriod, string? to, string? breakdown, string? asOf, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var from = QueryParameters.RequiredPeriod(basePeriod, "base", errors);
        var until = QueryParameters.RequiredPeriod(to, "to", errors);
        if (from != default && until != default && (from.Kind != until.Kind || string.CompareOrdinal(from.ToString(), until.ToString()) > 0))
            errors.Add("to", "must be a period of the same kind as 'base', not before it.");
        var code = QueryParameters.Breakdown(breakdown, errors);
        var known = QueryParameters.AsOf(asOf, errors);
        var (info, teryt) = await IndicatorAndUnitAsync(indicator, unit, errors, ct);

        // A year before the base too, so the first period after it has its year-on-year change.
        var lower = from.YearEarlier.ToString();
        var upper = until.ToString();
        var kind = from.KindCode;
        var rows = await Known(known)
            .Where(o => o.IndicatorCode == info.Code && o.UnitTeryt == teryt && o.Breakdown == code && o.PeriodKind == kind
                && string.Compare(o.Period, lower) >= 0 && string.Compare(o.Period, upper) <= 0)
            .ToListAsync(ct);
        var byPeriod = rows.ToDictionary(o => o.Period, o => o.ToView());
        byPeriod.TryGetValue(from.ToString(), out var baseValue);
        var changes = new List<ChangeView>();
        foreach (var point in Ordered(rows).Where(p => string.CompareOrdinal(p.Period, from.ToString()) > 0))
        {
            Period.TryParse(point.Period, out var p);
            byPeriod.TryGetValue(p.YearEarlier.ToString(), out var yearEarlier);
            changes.Add(new ChangeView(point,
                Difference(point, yearEarlier), Percent(point, yearEarlier),
                Difference(point, baseValue), Percent(point, baseValue)));
        }
        return new ChangesView(info, teryt, baseValue, changes);
    }

    public async Task<SharesView> SharesAsync(string? unit, string? period, string? asOf, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var when = QueryParameters.RequiredPeriod(period, "period", errors);
        var known = QueryParameters.AsOf(asOf, errors);
        var teryt = await UnitAsync(unit, errors, ct);
        errors.ThrowIfAny();

        var text = when.ToString();
        var rows = await Known(known)
            .Where(o => o.UnitTeryt == teryt && o.Period == text
                && ((o.IndicatorCode == Indicator.RegisteredUnemployed && (o.Breakdown == Breakdowns.Total || o.Breakdown == Breakdowns.Female))
                    || (o.IndicatorCode == Indicator.LongTermUnemployed && o.Breakdown == Breakdowns.Total)))
            .ToListAsync(ct);
        ObservationView? Find(string indicator, string breakdown) =>
            rows.FirstOrDefault(o => o.IndicatorCode == indicator && o.Breakdown == breakdown)?.ToView();
        var total = Find(Indicator.RegisteredUnemployed, Breakdowns.Total);
        var women = Find(Indicator.RegisteredUnemployed, Breakdowns.Female);
        var longTerm = Find(Indicator.LongTermUnemployed, Breakdowns.Total);
        return new SharesView(teryt, text, total, women, longTerm, Share(women, total), Share(longTerm, total));
    }

    /// <summary>The figures current now, or as known at <paramref name="asOf"/>.</summary>
    private IQueryable<Observation> Known(DateTimeOffset? asOf) => asOf is { } at
        ? db.Observations.AsNoTracking().Where(o => o.ReceivedAt <= at && (o.SupersededAt == null || o.SupersededAt > at))
        : db.Observations.AsNoTracking().Where(o => o.SupersededAt == null);

    private static List<ObservationView> Ordered(IEnumerable<Observation> rows) =>
        rows.Select(o => (Period: Period.TryParse(o.Period, out var p) ? p : default, o))
            .OrderBy(x => x.Period.Start).ThenByDescending(x => x.Period.Kind)
            .Select(x => x.o.ToView()).ToList();

    private async Task<(IndicatorView, string)> IndicatorAndUnitAsync(string? indicator, string? unit, ValidationErrors errors, CancellationToken ct)
    {
        var info = await IndicatorAsync(indicator, errors, ct);
        var teryt = await UnitAsync(unit, errors, ct);
        errors.ThrowIfAny();
        return (info!, teryt);
    }

    private async Task<IndicatorView?> IndicatorAsync(string? code, ValidationErrors errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code)) { errors.Add("indicator", "is required."); return null; }
        var indicator = await db.Indicators.AsNoTracking().FirstOrDefaultAsync(i => i.Code == code, ct);
        if (indicator is null) errors.Add("indicator", $"unknown indicator '{code}'.");
        return indicator?.ToView();
    }

    private async Task<string> UnitAsync(string? teryt, ValidationErrors errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(teryt)) { errors.Add("unit", "Pole jest wymagane."); return ""; }
        teryt = teryt.Trim();
        if (!(await cache.GetAsync(ct)).Exists(teryt)) errors.Add("unit", $"Nieznany kod TERYT „{Cut(teryt)}”.");
        return teryt;
    }

    // An unknown code is quoted back; a caller's kilobyte of text is not.
    private static string Cut(string text) => text.Length <= 20 ? text : text[..20] + "…";

    private static decimal? Difference(ObservationView now, ObservationView? before) => before is null ? null : now.Value - before.Value;

    private static decimal? Percent(ObservationView now, ObservationView? before) =>
        before is null || before.Value == 0 ? null : Math.Round((now.Value - before.Value) / before.Value * 100, 2);

    private static decimal? Share(ObservationView? part, ObservationView? whole) =>
        part is null || whole is null || whole.Value == 0 ? null : Math.Round(part.Value / whole.Value * 100, 2);
}
