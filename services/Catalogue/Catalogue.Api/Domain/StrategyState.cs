namespace Catalogue.Api.Domain;

/// <summary>A strategy's life: drafted, adopted by a council resolution, closed after its period.</summary>
public static class StrategyState
{
    public const string Draft = "draft";
    public const string Adopted = "adopted";
    public const string Closed = "closed";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Draft, Adopted, Closed };
}
