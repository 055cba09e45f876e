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
    /// <summary>Every running instance: <see cref="Host"/> first, then the other replicas.</summary>
    public IReadOnlyList<ServiceTestHost> Replicas => _replicas;
    private readonly List<ServiceTestHost> _replicas = [];

    /// <summary>How many instances share the database and the virtual host (competing consumers, one relay at a time).</summary>
    protected virtual int ReplicaCount => 1;

    protected abstract string Name { get; }
    protected abstract void Configure(WebApplicationBuilder builder);
    protected abstract void Map(WebApplication app);
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings() => [];

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(Name);
        VirtualHost = await TestVirtualHost.CreateAsync(Name);
        for (var i = 0; i < ReplicaCount; i++)
            _replicas.Add(await ServiceTestHost.StartAsync(
                [new("ConnectionStrings:Database", Database.ConnectionString), .. TestIdentity.Settings, .. VirtualHost.Settings(), .. Settings()],
                Configure, Map));
        Host = _replicas[0];
    }

    public async Task DisposeAsync()
    {
        foreach (var replica in _replicas) await replica.DisposeAsync();
        if (VirtualHost is not null) await VirtualHost.DisposeAsync();
        if (Database is not null) await Database.DisposeAsync();
    }
}
