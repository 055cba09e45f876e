namespace Platform.Territory;

/// <summary>A unit as one TERC file states it; <see cref="Line"/> is the file's line (0 for the synthetic "PL" root).</summary>
public sealed record TercUnit(string Code, string Name, string Level, string? Kind, string? ParentCode, string? Description, int Line);

/// <summary>A whole, valid TERC file: the state date (STAN_NA), its units with the "PL" root first, and the encoding it was read in.</summary>
public sealed record TercSnapshot(DateOnly StateAsOf, IReadOnlyList<TercUnit> Units, string Encoding)
{
    public const string Utf8 = Platform.Text.PolishTextFile.Utf8;
    public const string Windows1250 = Platform.Text.PolishTextFile.Windows1250Name;
}
