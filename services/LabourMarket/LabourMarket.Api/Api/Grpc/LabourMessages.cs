using System.Globalization;
using LabourMarket.Api.Application;
using Platform.Contracts.Labour.V1;

namespace LabourMarket.Api.Api.Grpc;

/// <summary>Application views ↔ protobuf messages.</summary>
internal static class LabourMessages
{
    public static SubmissionRow ToRow(ObservationRow r) =>
        new(r.Row, r.Indicator, r.Unit, r.Period, r.Breakdown, r.Value, r.Source);

    public static SubmitObservationsResponse ToMessage(SubmissionResult r)
    {
        var m = new SubmitObservationsResponse
        {
            BatchId = r.BatchId, Received = r.Received, Accepted = r.Accepted, Unchanged = r.Unchanged,
            Revised = r.Revised, Rejected = r.Rejected, ReceivedAt = Time(r.ReceivedAt),
        };
        m.Rejections.Add(r.Rejections.Select(x => new Rejection { Row = x.Row, Field = x.Field, Code = x.Code, Message = x.Message }));
        return m;
    }

    public static IndicatorInfo ToMessage(IndicatorView i) => new()
    {
        Code = i.Code, Name = i.Name, UnitOfMeasure = i.UnitOfMeasure, Description = i.Description, Source = i.Source, ValueKind = i.ValueKind,
    };

    public static Observation? ToMessage(ObservationView? o) => o is null ? null : new Observation
    {
        Indicator = o.Indicator, Unit = o.Unit, Period = o.Period, Breakdown = o.Breakdown, Value = (double)o.Value,
        Revision = o.Revision, Source = o.Source, BatchId = o.BatchId, ReceivedAt = Time(o.ReceivedAt),
    };

    public static TerritorialUnit ToMessage(UnitView u) => new()
    {
        Teryt = u.Teryt, Name = u.Name, Level = u.Level, Kind = u.Kind ?? "", Parent = u.Parent ?? "",
    };

    public static SeriesResponse ToMessage(SeriesView s)
    {
        var m = new SeriesResponse { Indicator = ToMessage(s.Indicator), Unit = s.Unit, Breakdown = s.Breakdown, AsOf = Time(s.AsOf) };
        m.Points.Add(s.Points.Select(p => ToMessage(p)!));
        return m;
    }

    public static LatestResponse ToMessage(LatestView l) => new() { Indicator = ToMessage(l.Indicator), Latest = ToMessage(l.Latest) };

    public static CompareUnitsResponse ToMessage(CompareView c)
    {
        var m = new CompareUnitsResponse { Indicator = ToMessage(c.Indicator), Period = c.Period };
        m.Values.Add(c.Values.Select(v => new UnitValue { Unit = ToMessage(v.Unit), Observation = ToMessage(v.Observation) }));
        return m;
    }

    public static ChangesResponse ToMessage(ChangesView c)
    {
        var m = new ChangesResponse { Indicator = ToMessage(c.Indicator), Unit = c.Unit, Base = ToMessage(c.Base) };
        foreach (var change in c.Changes)
        {
            var x = new Change { Observation = ToMessage(change.Observation) };
            if (change.YearOnYear is { } yoy) x.YearOnYear = (double)yoy;
            if (change.YearOnYearPercent is { } yoyp) x.YearOnYearPercent = (double)yoyp;
            if (change.SinceBase is { } sb) x.SinceBase = (double)sb;
            if (change.SinceBasePercent is { } sbp) x.SinceBasePercent = (double)sbp;
            m.Changes.Add(x);
        }
        return m;
    }

    public static SharesResponse ToMessage(SharesView s)
    {
        var m = new SharesResponse
        {
            Unit = s.Unit, Period = s.Period, Total = ToMessage(s.Total), Women = ToMessage(s.Women), LongTerm = ToMessage(s.LongTerm),
        };
        if (s.WomenPercent is { } w) m.WomenPercent = (double)w;
        if (s.LongTermPercent is { } l) m.LongTermPercent = (double)l;
        return m;
    }

    public static ListUnitsResponse ToMessage(PageView<UnitView> page)
    {
        var m = new ListUnitsResponse { Total = page.Total };
        m.Units.Add(page.Items.Select(ToMessage));
        return m;
    }

    public static ListIndicatorsResponse ToMessage(IndicatorsView v)
    {
        var m = new ListIndicatorsResponse();
        m.Indicators.Add(v.Indicators.Select(ToMessage));
        m.Breakdowns.Add(v.Breakdowns.Select(b => new Breakdown { Code = b.Code, Name = b.Name }));
        return m;
    }

    public static ExportObservationsResponse ToMessage(IReadOnlyList<Domain.Observation> page)
    {
        var m = new ExportObservationsResponse();
        m.Observations.Add(page.Select(o => new StoredObservation
        {
            Id = o.Id, Indicator = o.IndicatorCode, Unit = o.UnitTeryt, Period = o.Period, Breakdown = o.Breakdown,
            Value = o.Value.ToString(CultureInfo.InvariantCulture), Revision = o.Revision, Source = o.Source, BatchId = o.BatchId,
            ReceivedAt = Time(o.ReceivedAt), SupersededAt = Time(o.SupersededAt),
        }));
        return m;
    }

    private static string Time(DateTimeOffset? t) => t?.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture) ?? "";
}
