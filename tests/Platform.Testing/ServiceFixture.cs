using Microsoft.AspNetCore.Builder;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// The base of each service's one test fixture: its own database and RabbitMQ virtual host, and
/// the service running in-process against them, wired exactly as its Program.cs wires it.
/// </summary>
public abstract class ServiceFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public TestVirtualHost VirtualHost { get; private set; } = null!;
    public ServiceTestHost Host { get; private set; } = null!;

    protected abstract string Name { get; }
    protected abstract void Configure(WebApplicationBuilder builder);
    protected abstract void Map(WebApplication app);
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings() => [];

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(Name);
        VirtualHost = await TestVirtualHost.CreateAsync(Name);
        Host = await ServiceTestHost.StartAsync(
            [new("ConnectionStrings:Database", Database.ConnectionString), TestIdentity.Setting, .. VirtualHost.Settings(), .. Settings()],
            Configure, Map);
    }

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        if (VirtualHost is not null) await VirtualHost.DisposeAsync();
        if (Database is not null) await Database.DisposeAsync();
    }
}
