namespace Zones.Api.Domain;

public static class ReferencePlaceKind
{
    public const string MotorwayJunction = "motorway_junction";
    public const string TownCentre = "town_centre";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { MotorwayJunction, TownCentre };
}
