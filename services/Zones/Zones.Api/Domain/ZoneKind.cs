namespace Zones.Api.Domain;

/// <summary>What kind of investment area a zone is; the codes are the wire values of both APIs.</summary>
public static class ZoneKind
{
    /// <summary>Strefa aktywności gospodarczej run by a gmina.</summary>
    public const string Sag = "sag";
    /// <summary>A sub-zone of a special economic zone (SSE).</summary>
    public const string SseSubzone = "sse_subzone";
    public const string IndustrialPark = "industrial_park";
    /// <summary>Post-industrial or post-mining land being activated.</summary>
    public const string Brownfield = "brownfield";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Sag, SseSubzone, IndustrialPark, Brownfield };
}
