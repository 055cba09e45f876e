using LabourMarket.Api.Domain;
using LabourMarket.Api.Persistence;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Errors;

namespace LabourMarket.Api.Application;

/// <summary>Series, latest values, comparisons, changes and shares — current or "as known on" a date.</summary>
public sealed class LabourQueries(LabourMarketDbContext db)
{
    public async Task<IndicatorsView> IndicatorsAsync(CancellationToken ct)
    {
        var indicators = await db.Indicators.AsNoTracking().OrderBy(i => i.Code).ToListAsync(ct);
        return new IndicatorsView(indicators.Select(i => i.ToView()).ToList(),
            Breakdowns.All.Select(b => new BreakdownView(b.Code, b.Name)).ToList());
    }

    public async Task<PageView<UnitView>> UnitsAsync(string? parent, int page, int pageSize, CancellationToken ct)
    {
        // Bounded so the offset cannot overflow (the fuzz run found int.MaxValue pages turning it negative).
        page = Math.Clamp(page, 1, 1_000_000);
        pageSize = pageSize <= 0 ? 100 : Math.Min(pageSize, 1000);
        var query = db.Units.AsNoTracking();
        // TERYT codes nest by prefix ("12" ⊃ "1203" ⊃ "1203033"); the country "PL" is above them all.
        if (parent == "PL") query = query.Where(u => u.Teryt != parent);
        else if (!string.IsNullOrWhiteSpace(parent)) query = query.Where(u => u.Teryt.StartsWith(parent) && u.Teryt != parent);
        var total = await query.CountAsync(ct);
        var units = await query.OrderBy(u => u.Teryt).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new PageView<UnitView>(units.Select(u => u.ToView()).ToList(), total, page, pageSize);
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
        List<TerritorialUnit> compared;
        if (units.Count > 0)
        {
            compared = await db.Units.AsNoTracking().Where(u => units.Contains(u.Teryt)).ToListAsync(ct);
            foreach (var missing in units.Except(compared.Select(u => u.Teryt)))
                errors.Add("units", $"unknown TERYT code '{missing}'.");
            compared = units.Select(t => compared.FirstOrDefault(u => u.Teryt == t)).OfType<TerritorialUnit>().ToList();
        }
        else if (!string.IsNullOrWhiteSpace(parent))
        {
            compared = await db.Units.AsNoTracking().Where(u => u.ParentTeryt == parent).OrderBy(u => u.Teryt).ToListAsync(ct);
            if (compared.Count == 0) errors.Add("parent", $"no units under '{parent}'.");
        }
        else
        {
            errors.Add("units", "name the units to compare, or a parent whose units are compared.");
            compared = [];
        }
        errors.ThrowIfAny();

        var text = when.ToString();
        var teryts = compared.Select(u => u.Teryt).ToList();
        var found = await Known(known)
            .Where(o => o.IndicatorCode == info!.Code && o.Breakdown == code && o.Period == text && teryts.Contains(o.UnitTeryt))
            .ToListAsync(ct);
        var values = compared.Select(u => new UnitValueView(u.ToView(), found.FirstOrDefault(o => o.UnitTeryt == u.Teryt)?.ToView())).ToList();
        return new CompareView(info!, text, values);
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
        if (string.IsNullOrWhiteSpace(teryt)) { errors.Add("unit", "is required."); return ""; }
        if (!await db.Units.AnyAsync(u => u.Teryt == teryt, ct)) errors.Add("unit", $"unknown TERYT code '{teryt}'.");
        return teryt;
    }

    private static decimal? Difference(ObservationView now, ObservationView? before) => before is null ? null : now.Value - before.Value;

    private static decimal? Percent(ObservationView now, ObservationView? before) =>
        before is null || before.Value == 0 ? null : Math.Round((now.Value - before.Value) / before.Value * 100, 2);

    private static decimal? Share(ObservationView? part, ObservationView? whole) =>
        part is null || whole is null || whole.Value == 0 ? null : Math.Round(part.Value / whole.Value * 100, 2);
}
