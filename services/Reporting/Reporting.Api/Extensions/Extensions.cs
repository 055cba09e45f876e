using Platform.Grpc;
using Platform.Grpc.Client;
using Platform.Messaging.Configuration;
using Reporting.Api.Api.Grpc;
using Reporting.Api.Api.Rest;
using Platform.ServiceDefaults.Persistence;
using Reporting.Api.Application;
using Reporting.Api.Messaging;
using Reporting.Api.Persistence;
using Reporting.Api.Rendering;

namespace Reporting.Api.Extensions;

public static class Extensions
{
    public const string ServiceName = "reporting";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ReportingDbContext>(typeof(Extensions).Assembly);
        builder.AddMessaging(ServiceName, x =>
        {
            x.AddConsumer<StrategyPublishedConsumer>();
            x.AddConsumer<StrategyTreeChangedConsumer>();
            x.AddConsumer<MonitoringEntryRecordedConsumer>();
            x.AddConsumer<ObservationsPublishedConsumer>();
            x.AddConsumer<ZoneRegisteredConsumer>();
            x.AddConsumer<ZoneChangedConsumer>();
        });
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<JobSignal>();
        services.AddScoped<ReportJobs>();
        services.AddScoped<ReportGenerator>();
        services.Configure<PdfOptions>(builder.Configuration.GetSection("Pdf"));
        // The order here is the order the formats are rendered (and listed).
        services.AddSingleton<IReportRenderer, HtmlRenderer>();
        services.AddSingleton<IReportRenderer, CsvRenderer>();
        services.AddSingleton<IReportRenderer, XlsxRenderer>();
        services.AddSingleton<IReportRenderer, DocxRenderer>();
        services.AddSingleton<IReportRenderer, PdfRenderer>();
        services.AddHostedService<ReportWorker>();
        services.AddScoped<ReportingGrpcService>();
        // Rebuild of the read model reads the catalogue over gRPC (GrpcClients:catalogue:Address).
        services.AddGrpcClient(ReadModelRebuild.CatalogueClient);
        services.AddScoped<ReadModelRebuild>();
        return builder;
    }

    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.MapReportEndpoints();
        app.MapGrpcService<ReportingGrpcService>();
        return app;
    }
}
