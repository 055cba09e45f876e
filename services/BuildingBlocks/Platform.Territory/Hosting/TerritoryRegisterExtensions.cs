using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults.Persistence;
using Platform.Territory.Messaging;
using Platform.Territory.Persistence;

namespace Platform.Territory.Hosting;

public static class TerritoryRegisterExtensions
{
    /// <summary>
    /// The register tables (this assembly's migration, applied after the service's own), the store and the
    /// shared in-memory index. Every service calls it: the owner (labour) and each copy alike.
    /// </summary>
    public static IHostApplicationBuilder AddTerritorialRegister<TContext>(this IHostApplicationBuilder builder) where TContext : DbContext
    {
        builder.Services.AddSingleton(new MigrationSource("territory", typeof(TerritoryRegisterExtensions).Assembly));
        builder.Services.AddScoped<ITerritoryRegisterStore, TerritoryRegisterStore<TContext>>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TerritoryRegisterCache>();
        return builder;
    }

    /// <summary>A service that keeps a copy: its queue "{service}-territorial-register" receives every version the owner publishes.</summary>
    public static IBusRegistrationConfigurator AddTerritorialRegisterCopy<TContext>(this IBusRegistrationConfigurator bus, string serviceName)
        where TContext : DbContext
    {
        bus.AddConsumer<TerritorialRegisterChangedConsumer<TContext>>().Endpoint(e => e.Name = $"{serviceName}-territorial-register");
        return bus;
    }
}
