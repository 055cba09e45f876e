namespace Gateway.Health;

/// <summary>The services behind the gateway: "Services:catalogue:Http" = its HTTP base address, "…:Grpc" = its h2c address.</summary>
public sealed class DownstreamServicesOptions : Dictionary<string, DownstreamService>
{
    public const string SectionName = "Services";
}

public sealed class DownstreamService
{
    public string Http { get; set; } = "";
    public string Grpc { get; set; } = "";
}
