using LabourMarket.Api.Api.Grpc;
using LabourMarket.Api.Api.Rest;
using LabourMarket.Api.Application;
using LabourMarket.Api.Import;
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

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<SubmitObservations>();
        services.AddScoped<LabourQueries>();
        services.AddScoped<ObservationExport>();
        services.AddScoped<UnitCsvImport>();
        services.AddProblemDetails();
        services.Configure<DemoDataOptions>(builder.Configuration.GetSection(DemoDataOptions.SectionName));
        // After AddServiceDatabase: hosted services start in order, so the schema exists before the import.
        services.AddHostedService<DemoDataImporter>();
        return builder;
    }

    /// <summary>REST under /api/v1/labour on the HTTP port, platform.labour.v1 on the h2c port.</summary>
    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.MapLabourRest();
        app.MapGrpcService<LabourGrpcService>();
        return app;
    }
}
