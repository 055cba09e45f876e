using Zones.Api.Persistence;
using Platform.Messaging.Configuration;
using Platform.ServiceDefaults.Persistence;

namespace Zones.Api.Extensions;

public static class Extensions
{
    public const string ServiceName = "zones";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ZonesDbContext>(typeof(Extensions).Assembly);
        builder.AddMessaging(ServiceName);
        return builder;
    }
}
