using System.Globalization;
using LabourMarket.Api.Application;
using LabourMarket.Api.Territory;
using Platform.Contracts.Territory.V1;

namespace LabourMarket.Api.Api.Grpc;

/// <summary>Register views ↔ platform.territory.v1 messages.</summary>
internal static class TerritoryMessages
{
    public static Unit ToMessage(RegisterUnitView u)
    {
        var m = new Unit
        {
            Code = u.Code, Name = u.Name, DisplayName = u.DisplayName, Level = u.Level, Kind = u.Kind ?? "",
            ParentCode = u.ParentCode ?? "", Description = u.Description ?? "", ValidFrom = Date(u.ValidFrom), ValidTo = Date(u.ValidTo),
        };
        m.Path.Add(u.Path);
        return m;
    }

    public static ImportRegisterResponse ToMessage(RegisterImportReport r)
    {
        var m = new ImportRegisterResponse
        {
            Version = r.Version, Changed = r.Changed, StateAsOf = Date(r.StateAsOf), Encoding = r.Encoding, Rows = r.Rows,
            Added = r.Added, Renamed = r.Renamed, Ended = r.Ended, Reinstated = r.Reinstated,
            ImportedAt = r.ImportedAt.ToString("O", CultureInfo.InvariantCulture), FileName = r.FileName ?? "",
        };
        m.AddedUnits.Add(r.AddedUnits.Select(ToMessage));
        m.RenamedUnits.Add(r.RenamedUnits.Select(x => new UnitRename { Code = x.Code, OldName = x.OldName, NewName = x.NewName }));
        m.EndedUnits.Add(r.EndedUnits.Select(ToMessage));
        m.ReinstatedUnits.Add(r.ReinstatedUnits.Select(ToMessage));
        m.Counts.Add(Counts(r.Counts));
        return m;
    }

    public static SearchUnitsResponse ToMessage(PageView<RegisterUnitView> page)
    {
        var m = new SearchUnitsResponse { Total = page.Total, Page = page.Page, PageSize = page.PageSize };
        m.Units.Add(page.Items.Select(ToMessage));
        return m;
    }

    public static GetUnitResponse ToMessage(UnitDetailsView d)
    {
        var m = new GetUnitResponse { Unit = ToMessage(d.Unit), Current = d.Current };
        m.FormerNames.Add(d.FormerNames.Select(f => new FormerName { Name = f.Name, ValidFrom = Date(f.ValidFrom), ValidTo = Date(f.ValidTo) }));
        m.Children.Add(Counts(d.Children));
        m.Descendants.Add(Counts(d.Descendants));
        return m;
    }

    public static GetRegisterResponse ToMessage(RegisterSummaryView s)
    {
        var m = new GetRegisterResponse { Version = s.Version, StateAsOf = Date(s.StateAsOf) };
        m.Counts.Add(Counts(s.Counts));
        m.RecentImports.Add(s.RecentImports.Select(i => new ImportSummary
        {
            Version = i.Version, FileName = i.FileName ?? "", StateAsOf = Date(i.StateAsOf), Encoding = i.Encoding, Rows = i.Rows,
            Added = i.Added, Renamed = i.Renamed, Ended = i.Ended, Reinstated = i.Reinstated,
            ImportedAt = i.ImportedAt.ToString("O", CultureInfo.InvariantCulture), ImportedBy = i.ImportedBy ?? "",
        }));
        return m;
    }

    private static IEnumerable<LevelCount> Counts(IReadOnlyDictionary<string, int> counts) =>
        counts.Select(c => new LevelCount { Level = c.Key, Count = c.Value });

    private static string Date(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
