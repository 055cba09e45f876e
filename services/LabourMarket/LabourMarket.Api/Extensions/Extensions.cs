using LabourMarket.Api.Api.Grpc;
using LabourMarket.Api.Api.Rest;
using LabourMarket.Api.Application;
using LabourMarket.Api.Import;
using LabourMarket.Api.Persistence;
using LabourMarket.Api.Territory;
using Platform.Messaging.Configuration;
using Platform.ServiceDefaults.Persistence;
using Platform.Territory.Hosting;

namespace LabourMarket.Api.Extensions;

public static class Extensions
{
    public const string ServiceName = "labour";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<LabourMarketDbContext>(typeof(Extensions).Assembly);
        // This service owns the TERYT register: its tables, store and cached index (the other services keep copies).
        builder.AddTerritorialRegister<LabourMarketDbContext>();
        builder.AddMessaging(ServiceName);

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<SubmitObservations>();
        services.AddScoped<LabourQueries>();
        services.AddScoped<ObservationExport>();
        services.AddScoped<RegisterImport>();
        services.AddScoped<TerritoryQueries>();
        services.AddProblemDetails();
        services.Configure<DemoDataOptions>(builder.Configuration.GetSection(DemoDataOptions.SectionName));
        services.Configure<TerritoryOptions>(builder.Configuration.GetSection(TerritoryOptions.SectionName));
        // After AddServiceDatabase: hosted services start in order, so the schema exists before the imports,
        // and the register before the demo figures that name its units.
        services.AddHostedService<RegisterStartupImport>();
        services.AddHostedService<DemoDataImporter>();
        return builder;
    }

    /// <summary>
    /// REST under /api/v1/labour and /api/v1/territory on the HTTP port, platform.labour.v1 and
    /// platform.territory.v1 on the h2c port.
    /// </summary>
    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.MapLabourRest();
        app.MapTerritoryRest();
        app.MapGrpcService<LabourGrpcService>();
        app.MapGrpcService<TerritoryGrpcService>();
        return app;
    }
}
