namespace Zones.Api.Domain;

/// <summary>TERYT codes: a gmina is WWPPGGR (7 digits), its powiat the first four.</summary>
public static class Teryt
{
    public static bool IsGmina(string? code) => code is { Length: 7 } && code.All(char.IsAsciiDigit);
    public static bool IsPowiat(string? code) => code is { Length: 4 } && code.All(char.IsAsciiDigit);
    public static string PowiatOf(string gmina) => gmina[..4];
}
