using LabourMarket.Api.Persistence;
using Platform.Messaging.Configuration;
using Platform.ServiceDefaults.Persistence;

namespace LabourMarket.Api.Extensions;

public static class Extensions
{
    public const string ServiceName = "labour";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<LabourMarketDbContext>(typeof(Extensions).Assembly);
        builder.AddMessaging(ServiceName);
        return builder;
    }
}
