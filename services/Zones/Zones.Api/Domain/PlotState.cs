namespace Zones.Api.Domain;

public static class PlotState
{
    public const string Available = "available";
    public const string Reserved = "reserved";
    public const string Sold = "sold";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Available, Reserved, Sold };
}
