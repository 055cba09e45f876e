using Catalogue.Api.Api.Grpc;
using Catalogue.Api.Api.Rest;
using Catalogue.Api.Application;
using Catalogue.Api.Import;
using Catalogue.Api.Persistence;
using Platform.Messaging.Configuration;
using Platform.ServiceDefaults.Persistence;
using Platform.Territory.Hosting;

namespace Catalogue.Api.Extensions;

public static class Extensions
{
    public const string ServiceName = "catalogue";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<CatalogueDbContext>(typeof(Extensions).Assembly);
        // A copy of labour's TERYT register: owners and territory filters are checked against it, replaced by every newer version labour publishes.
        builder.AddTerritorialRegister<CatalogueDbContext>();
        builder.AddMessaging(ServiceName, bus => bus.AddTerritorialRegisterCopy<CatalogueDbContext>(ServiceName));

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<StrategyCommands>();
        services.AddScoped<MonitoringCommands>();
        services.AddScoped<StrategyImport>();
        services.AddScoped<CatalogueQueries>();
        // Field violations in the proto's names where they are not the use cases' in snake_case.
        services.AddSingleton(new GrpcFieldNames().Rename("node", "node_id"));
        // After AddServiceDatabase, so the schema is migrated before the demo strategy is imported (it then waits for the register copy).
        services.AddHostedService<DemoDataImporter>();
        return builder;
    }

    /// <summary>REST under /api/v1/catalogue on the HTTP port, platform.catalogue.v1 (with health and reflection) on the h2c port.</summary>
    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.MapCatalogueRest();
        app.MapGrpcService<CatalogueGrpcService>();
        return app;
    }
}
