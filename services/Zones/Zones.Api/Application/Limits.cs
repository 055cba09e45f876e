namespace Zones.Api.Application;

public static class Limits
{
    public const int Name = 300;
    public const int ShortText = 300;
    public const int LongText = 10_000;
    public const int MaxPageSize = 200;
    public const int DefaultPageSize = 20;
    public const decimal MaxAreaHa = 100_000m;
    public const decimal MaxPricePlnM2 = 100_000m;
    public const int MinYear = 1950;
    public const int MaxYear = 2100;
    public const double MaxRadiusKm = 1000;
}
