namespace Zones.Api.Domain;

public static class ZoneState
{
    public const string Operating = "operating";
    public const string Expanding = "expanding";
    public const string InPreparation = "in_preparation";
    public const string Planned = "planned";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Operating, Expanding, InPreparation, Planned };
}
