namespace Catalogue.Api.Application;

/// <summary>Text limits shared by the API, the importers and the gRPC surface.</summary>
public static class Limits
{
    public const int Name = 500;
    public const int Title = 1000;
    public const int ShortText = 500;
    public const int LongText = 20_000;
    public const int ListItems = 50;
    public const int ListItem = 300;
    public const int Link = 2000;
    public const int MaxPageSize = 500;
    public const int MinYear = 1990;
    public const int MaxYear = 2100;
}
