using System.Text.Json;
using Platform.Contracts.Events.Territory.V1;

namespace Platform.Territory.Persistence;

/// <summary>Unit ↔ table row ↔ event record.</summary>
public static class RegisterMappers
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static TerritorialUnit ToUnit(RegisterUnitRecord r) =>
        new(r.Code, r.Name, r.Level, r.Kind, r.ParentCode, r.Description, r.ValidFrom, r.ValidTo,
            JsonSerializer.Deserialize<List<FormerName>>(r.FormerNames, Json) ?? []);

    public static string FormerNamesJson(TerritorialUnit u) => JsonSerializer.Serialize(u.FormerNames, Json);

    public static RegisterUnit ToEvent(TerritorialUnit u) =>
        new(u.Code, u.Name, u.Level, u.Kind, u.ParentCode, u.Description, u.ValidFrom, u.ValidTo,
            u.FormerNames.Select(f => new RegisterFormerName(f.Name, f.ValidFrom, f.ValidTo)).ToList());

    public static TerritorialUnit FromEvent(RegisterUnit u) =>
        new(u.Code, u.Name, u.Level, u.Kind, u.ParentCode, u.Description, u.ValidFrom, u.ValidTo,
            u.FormerNames.Select(f => new FormerName(f.Name, f.ValidFrom, f.ValidTo)).ToList());

    public static TerritorialRegisterChanged ToEvent(IReadOnlyCollection<TerritorialUnit> units, RegisterVersion version, DateTimeOffset now) =>
        new(version.Version, version.StateAsOf, units.Select(ToEvent).ToList(), now);
}
