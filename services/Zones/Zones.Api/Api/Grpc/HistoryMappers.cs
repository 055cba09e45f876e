using Google.Protobuf.WellKnownTypes;
using Platform.Territory;
using Zones.Api.Application;
using Zones.Api.Persistence;
using Proto = Platform.Contracts.Zones.V1;

namespace Zones.Api.Api.Grpc;

/// <summary>Static mappers of the history export: stored versions to their proto messages, each gmina's powiat from the register.</summary>
public static class HistoryMappers
{
    public static Proto.ZoneHistoryPage ToProto(ZoneHistoryPage page, TerritoryIndex register)
    {
        var m = new Proto.ZoneHistoryPage { Cursor = page.Cursor };
        m.Zones.Add(page.Zones.Select(v => ToProto(v, register)));
        m.Plots.Add(page.Plots.Select(v => ToProto(v, register)));
        return m;
    }

    public static Proto.ZoneVersion ToProto(ZoneVersionRecord v, TerritoryIndex register)
    {
        var m = new Proto.ZoneVersion
        {
            ZoneId = v.ZoneId.ToString(), Version = v.Version, Name = v.Name, GminaTeryt = v.GminaTeryt, PowiatTeryt = RegisterRules.PowiatCode(register, v.GminaTeryt),
            Kind = v.Kind, State = v.State, TotalAreaHa = (double)v.TotalAreaHa, AvailableAreaHa = (double)v.AvailableAreaHa,
            ComputedAreaHa = (double)v.ComputedAreaHa, SseName = v.SseName ?? "", PsiEligible = v.PsiEligible,
            WrittenAt = Timestamp.FromDateTimeOffset(v.WrittenAt),
        };
        if (v.YearEstablished is { } year) m.YearEstablished = year;
        if (v.MotorwayKm is { } km) m.MotorwayKm = km;
        return m;
    }

    public static Proto.PlotVersion ToProto(PlotVersionRecord v, TerritoryIndex register)
    {
        var m = new Proto.PlotVersion
        {
            PlotId = v.PlotId.ToString(), Version = v.Version, ZoneId = v.ZoneId.ToString(), ParcelId = v.ParcelId,
            GminaTeryt = v.GminaTeryt, PowiatTeryt = RegisterRules.PowiatCode(register, v.GminaTeryt), AreaHa = (double)v.AreaHa, State = v.State,
            PreviousState = v.PreviousState ?? "", WrittenAt = Timestamp.FromDateTimeOffset(v.WrittenAt),
        };
        if (v.ZoneYearEstablished is { } year) m.ZoneYearEstablished = year;
        return m;
    }
}
