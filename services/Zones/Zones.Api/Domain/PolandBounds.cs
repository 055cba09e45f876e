namespace Zones.Api.Domain;

/// <summary>
/// The rectangle around Poland's territory (WGS 84, with a small margin). A boundary outside it is
/// a typo (swapped lon/lat, a missing digit) rather than a zone the register can hold.
/// </summary>
public static class PolandBounds
{
    public const double MinLon = 14.07;
    public const double MaxLon = 24.16;
    public const double MinLat = 49.00;
    public const double MaxLat = 54.84;

    public static bool Contains(double lon, double lat) => lon is >= MinLon and <= MaxLon && lat is >= MinLat and <= MaxLat;
}
