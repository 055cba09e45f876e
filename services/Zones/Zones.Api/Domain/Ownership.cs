namespace Zones.Api.Domain;

public static class Ownership
{
    public const string Municipal = "municipal";
    public const string State = "state";
    public const string Private = "private";
    public const string Mixed = "mixed";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Municipal, State, Private, Mixed };
}
