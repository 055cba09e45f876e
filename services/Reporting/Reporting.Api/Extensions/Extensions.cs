using Reporting.Api.Persistence;
using Platform.Messaging.Configuration;
using Platform.ServiceDefaults.Persistence;

namespace Reporting.Api.Extensions;

public static class Extensions
{
    public const string ServiceName = "reporting";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ReportingDbContext>(typeof(Extensions).Assembly);
        builder.AddMessaging(ServiceName);
        return builder;
    }
}
