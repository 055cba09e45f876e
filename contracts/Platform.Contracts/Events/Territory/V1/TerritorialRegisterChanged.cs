namespace Platform.Contracts.Events.Territory.V1;

/// <summary>
/// The TERYT register (owned by the labour-market service) was loaded or updated. Carries the whole
/// register — every unit, ended ones and former names included, about 4,400 units for Poland — so a
/// service replaces its copy in one step and never calls back. An import that changed nothing publishes
/// the same version again, which lets a service with an empty copy catch up; a copy ignores any version
/// it already holds or has passed.
/// </summary>
public sealed record TerritorialRegisterChanged(
    int Version,
    DateOnly? StateAsOf,
    IReadOnlyList<RegisterUnit> Units,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A unit as the register holds it; ValidFrom null = since the first file loaded, ValidTo null = current.</summary>
public sealed record RegisterUnit(
    string Code,
    string Name,
    string Level,
    string? Kind,
    string? ParentCode,
    string? Description,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    IReadOnlyList<RegisterFormerName> FormerNames);

public sealed record RegisterFormerName(string Name, DateOnly? ValidFrom, DateOnly ValidTo);
