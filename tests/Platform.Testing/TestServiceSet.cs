using Microsoft.AspNetCore.Builder;
using Platform.ServiceDefaults.Hosting;

namespace Platform.Testing;

/// <summary>
/// Several platform services started side by side for one fixture (the gateway's, the interop suite's): each on its
/// own database and RabbitMQ virtual host, without demo data, with the full TERYT register loaded.
/// </summary>
public sealed class TestServiceSet : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    /// <summary>Something the set disposes with its services (in reverse order of adding).</summary>
    public T Own<T>(T disposable) where T : IAsyncDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public async Task<ServiceTestHost> StartAsync(string name, IEnumerable<KeyValuePair<string, string?>> settings,
        Action<WebApplicationBuilder> add, Action<WebApplication> map, Action<WebApplication>? before = null)
    {
        var database = Own(await TestDatabase.CreateAsync(name));
        var vhost = Own(await TestVirtualHost.CreateAsync(name));
        var host = Own(await ServiceTestHost.StartAsync(
            [new("ConnectionStrings:Database", database.ConnectionString), .. TestIdentity.Settings, new("DemoData:Import", "false"), .. vhost.Settings(), .. settings],
            b => { b.AddServiceDefaults(); add(b); },
            a => { before?.Invoke(a); a.MapDefaultEndpoints(); map(a); }));
        await TestRegister.LoadFullAsync(host.Services);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--) await _owned[i].DisposeAsync();
        _owned.Clear();
    }
}
