using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.ServiceDefaults.Health;

namespace Platform.ServiceDefaults.Persistence;

public static class DatabaseExtensions
{
    public const string ConnectionStringName = "Database";

    /// <summary>
    /// The service's own PostgreSQL database: one data source, the EF Core context on it, a readiness
    /// check, and the embedded SQL migrations of <paramref name="migrationsAssembly"/> applied at start-up.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(
        this IHostApplicationBuilder builder, Assembly migrationsAssembly, Action<NpgsqlDataSourceBuilder>? configure = null)
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException(
                $"Connection string '{ConnectionStringName}' is not set (ConnectionStrings__{ConnectionStringName}).");

        var dataSourceBuilder = new NpgsqlDataSourceBuilder(connectionString);
        configure?.Invoke(dataSourceBuilder);
        var dataSource = dataSourceBuilder.Build();
        builder.Services.AddSingleton(dataSource);

        // Interceptors come from DI so building blocks (the outbox signal) can hook into every context.
        builder.Services.AddDbContext<TContext>((sp, options) =>
            options.UseNpgsql(dataSource).AddInterceptors(sp.GetServices<IInterceptor>()));
        builder.Services.AddSingleton(new MigrationSource("service", migrationsAssembly));
        // Registered before messaging and the web server, so it runs first (see MigrationHostedService).
        builder.Services.AddHostedService<MigrationHostedService>();
        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>("database", tags: [HealthTags.Ready]);
        return builder;
    }
}
