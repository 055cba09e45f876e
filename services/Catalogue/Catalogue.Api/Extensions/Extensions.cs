using Catalogue.Api.Persistence;
using Platform.Messaging.Configuration;
using Platform.ServiceDefaults.Persistence;

namespace Catalogue.Api.Extensions;

public static class Extensions
{
    public const string ServiceName = "catalogue";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<CatalogueDbContext>(typeof(Extensions).Assembly);
        builder.AddMessaging(ServiceName);
        return builder;
    }
}
