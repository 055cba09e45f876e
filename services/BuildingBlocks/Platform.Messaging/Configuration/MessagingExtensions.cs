using MassTransit;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.Persistence;

namespace Platform.Messaging.Configuration;

public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit on RabbitMQ from the "RabbitMq" section, the outbox tables, the relay that
    /// publishes them, and the consumers <paramref name="configureConsumers"/> registers.
    /// Call after <c>AddServiceDatabase</c>.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging(
        this IHostApplicationBuilder builder, string serviceName, Action<IBusRegistrationConfigurator>? configureConsumers = null)
    {
        var settings = builder.Configuration.GetSection(RabbitMqSettings.SectionName).Get<RabbitMqSettings>() ?? new RabbitMqSettings();
        var services = builder.Services;

        services.AddSingleton(new MigrationSource("messaging", typeof(MessagingExtensions).Assembly));
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IInterceptor, OutboxSaveChangesInterceptor>();
        services.Configure<OutboxRelayOptions>(builder.Configuration.GetSection("Outbox"));

        services.AddMassTransit(x =>
        {
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(settings.QueuePrefix ?? serviceName, false));
            x.ConfigureHealthCheckOptions(o =>
            {
                o.Name = "rabbitmq";
                o.Tags.Add(HealthTags.Ready);
            });
            if (settings.QuorumQueues)
                x.AddConfigureEndpointsCallback((_, endpoint) => (endpoint as IRabbitMqReceiveEndpointConfigurator)?.SetQuorumQueue());
            configureConsumers?.Invoke(x);
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(settings.Host, settings.Port, settings.VirtualHost, h =>
                {
                    h.Username(settings.Username);
                    h.Password(settings.Password);
                });
                // Transient faults are retried; what still fails goes to "<queue>_error" with the exception in its headers.
                cfg.UseMessageRetry(r => r.Exponential(settings.RetryLimit, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500)));
                cfg.ConfigureEndpoints(context);
            });
        });
        services.AddHostedService<OutboxRelay>();
        return builder;
    }
}
