using Zones.Api.Application;
using Proto = Platform.Contracts.Zones.V1;

namespace Zones.Api.Api.Grpc;

/// <summary>Static mappers between the proto messages and the use cases' inputs and views.</summary>
public static class GrpcMappers
{
    private static string? Text(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
    // Beyond decimal's range a number means "more than anything stored"; the fuzz run found the cast throwing there.
    private static decimal? Dec(double value) => double.IsFinite(value) ? Math.Round((decimal)Math.Clamp(value, -1e20, 1e20), 4) : null;

    public static ZoneInput ToInput(Proto.ZoneInput? z)
    {
        z ??= new Proto.ZoneInput();
        var utilities = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var u in z.Utilities) utilities[u.Kind] = u.Status;
        return new ZoneInput(Text(z.Name), Text(z.GminaTeryt), Text(z.Kind), Text(z.State), Dec(z.TotalAreaHa), Dec(z.AvailableAreaHa),
            z.HasYearEstablished ? z.YearEstablished : null, Text(z.SseName), z.PsiEligible, Text(z.ZoningDesignation), utilities,
            z.RailwaySiding, Text(z.Ownership), z.HasPriceMinPlnM2 ? Dec(z.PriceMinPlnM2) : null, z.HasPriceMaxPlnM2 ? Dec(z.PriceMaxPlnM2) : null,
            z.Contact is null ? null : new ContactInput(Text(z.Contact.Name), Text(z.Contact.Email), Text(z.Contact.Phone)),
            Text(z.Description), Text(z.BoundaryGeojson), z.ApproximateBoundary);
    }

    public static PlotInput ToInput(Proto.PlotInput? p)
    {
        p ??= new Proto.PlotInput();
        return new PlotInput(Text(p.ParcelId), Dec(p.AreaHa), Text(p.State), Text(p.BoundaryGeojson));
    }

    public static ZoneSearchCriteria ToCriteria(Proto.SearchZonesRequest r) => new()
    {
        Gminy = [.. r.Gmina],
        Powiaty = [.. r.Powiat],
        Voivodeships = [.. r.Voivodeship],
        States = [.. r.State],
        Kinds = [.. r.Kind],
        Utilities = [.. r.Utilities],
        MinAvailableHa = r.HasMinAvailableHa ? Dec(r.MinAvailableHa) : null,
        MaxMotorwayKm = r.HasMaxMotorwayKm ? r.MaxMotorwayKm : null,
        Sse = r.HasSse ? r.Sse : null,
        MaxPricePlnM2 = r.HasMaxPricePlnM2 ? Dec(r.MaxPricePlnM2) : null,
        Bbox = r.Bbox is { } b ? new BoundingBox(b.MinLon, b.MinLat, b.MaxLon, b.MaxLat) : null,
        Near = r.Near is { } n ? new GeoPoint(n.Lon, n.Lat) : null,
        RadiusKm = r.HasRadiusKm ? r.RadiusKm : null,
        PolygonGeoJson = Text(r.PolygonGeojson),
        Sort = Text(r.Sort),
        Page = r.Page == 0 ? 1 : r.Page,
        PageSize = r.PageSize == 0 ? Limits.DefaultPageSize : r.PageSize,
    };

    public static Proto.ZoneSummary ToProto(ZoneSummaryView v)
    {
        var m = new Proto.ZoneSummary
        {
            Id = v.Id.ToString(),
            Name = v.Name,
            Gmina = new Proto.Unit { Teryt = v.Gmina.Teryt, Name = v.Gmina.Name },
            Powiat = new Proto.Unit { Teryt = v.Powiat.Teryt, Name = v.Powiat.Name },
            Kind = v.Kind,
            State = v.State,
            TotalAreaHa = (double)v.TotalAreaHa,
            AvailableAreaHa = (double)v.AvailableAreaHa,
            ComputedAreaHa = (double)v.ComputedAreaHa,
            SseName = v.SseName ?? "",
            PsiEligible = v.PsiEligible,
            RailwaySiding = v.RailwaySiding,
            Ownership = v.Ownership,
            NearestJunction = v.NearestJunction ?? "",
            ApproximateBoundary = v.ApproximateBoundary,
            Version = v.Version,
            UpdatedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(v.UpdatedAt),
        };
        foreach (var (kind, status) in v.Utilities) m.Utilities.Add(new Proto.Utility { Kind = kind, Status = status });
        if (v.YearEstablished is { } year) m.YearEstablished = year;
        if (v.PriceMinPlnM2 is { } min) m.PriceMinPlnM2 = (double)min;
        if (v.PriceMaxPlnM2 is { } max) m.PriceMaxPlnM2 = (double)max;
        if (v.MotorwayKm is { } km) m.MotorwayKm = km;
        if (v.DistanceKm is { } d) m.DistanceKm = d;
        return m;
    }

    public static Proto.Plot ToProto(PlotView p)
    {
        var m = new Proto.Plot
        {
            Id = p.Id.ToString(), ZoneId = p.ZoneId.ToString(), ParcelId = p.ParcelId, AreaHa = (double)p.AreaHa,
            State = p.State, BoundaryGeojson = p.BoundaryGeoJson ?? "", Version = p.Version,
            UpdatedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(p.UpdatedAt),
        };
        if (p.ComputedAreaHa is { } c) m.ComputedAreaHa = (double)c;
        return m;
    }

    public static Proto.ZoneDetails ToProto(ZoneDetailsView v)
    {
        var m = new Proto.ZoneDetails
        {
            Zone = ToProto(v.Zone),
            ZoningDesignation = v.ZoningDesignation ?? "",
            Description = v.Description ?? "",
            BoundaryGeojson = v.BoundaryGeoJson,
        };
        if (v.Contact is { } c) m.Contact = new Proto.Contact { Name = c.Name ?? "", Email = c.Email ?? "", Phone = c.Phone ?? "" };
        m.Plots.Add(v.Plots.Select(ToProto));
        m.Distances.Add(v.Distances.Select(d => new Proto.Distance { PlaceCode = d.PlaceCode, PlaceName = d.PlaceName, PlaceKind = d.PlaceKind, Km = d.Km }));
        if (v.Unemployment is { } u) m.Unemployment = ToProto(u);
        return m;
    }

    public static Proto.Unemployment ToProto(UnemploymentView u)
    {
        var m = new Proto.Unemployment { Period = u.Period ?? "", UnitTeryt = u.UnitTeryt, Reason = u.Reason ?? "" };
        if (u.RatePercent is { } rate) m.RatePercent = rate;
        return m;
    }

    public static Proto.GminaSummary ToProto(GminaSummaryView s) => new()
    {
        Gmina = new Proto.Unit { Teryt = s.Gmina.Teryt, Name = s.Gmina.Name },
        Powiat = new Proto.Unit { Teryt = s.Powiat.Teryt, Name = s.Powiat.Name },
        Zones = s.Zones,
        TotalAreaHa = (double)s.TotalAreaHa,
        AvailableAreaHa = (double)s.AvailableAreaHa,
    };

    public static Proto.ReferencePlace ToProto(ReferencePlaceView r) => new()
    {
        Id = r.Id.ToString(), Code = r.Code, Kind = r.Kind, Name = r.Name, Road = r.Road ?? "", Lon = r.Lon, Lat = r.Lat, Approximate = r.Approximate,
    };
}
