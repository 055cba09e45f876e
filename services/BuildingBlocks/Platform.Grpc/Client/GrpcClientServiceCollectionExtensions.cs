using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Platform.Grpc.Client;

/// <summary>Options of a named client: the target address and channel options.</summary>
public sealed class GrpcClientOptions
{
    /// <summary>The target; read from configuration <c>GrpcClients:{name}:Address</c> unless set.</summary>
    public Uri? Address { get; set; }

    public GrpcChannelOptions ChannelOptions { get; } = new();
}

/// <summary>Gives the channel of a named client (one channel per name, created on first use).</summary>
public interface IGrpcChannelFactory
{
    GrpcChannel GetChannel(string name);
}

internal sealed class GrpcChannelFactory(IOptionsMonitor<GrpcClientOptions> options) : IGrpcChannelFactory, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<GrpcChannel>> _channels = new(StringComparer.Ordinal);

    public GrpcChannel GetChannel(string name) =>
        _channels.GetOrAdd(name, n => new Lazy<GrpcChannel>(() => Create(n))).Value;

    private GrpcChannel Create(string name)
    {
        var o = options.Get(name);
        var address = o.Address ?? throw new InvalidOperationException(
            $"No address for gRPC client '{name}': set GrpcClients:{name}:Address in configuration.");
        return GrpcChannel.ForAddress(address, o.ChannelOptions);
    }

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            if (channel.IsValueCreated)
            {
                channel.Value.Dispose();
            }
        }
    }
}

public static class GrpcClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers a named client channel: address from <c>GrpcClients:{name}:Address</c> (or
    /// <paramref name="configure"/>). Resolve it with <see cref="IGrpcChannelFactory"/> or as a
    /// keyed <see cref="GrpcChannel"/> (<c>[FromKeyedServices("name")]</c>).
    /// </summary>
    public static IServiceCollection AddGrpcClient(this IServiceCollection services, string name, Action<GrpcClientOptions>? configure = null)
    {
        services.AddOptions<GrpcClientOptions>(name).Configure<IServiceProvider>((o, sp) =>
        {
            if (o.Address is null && sp.GetService<IConfiguration>()?[$"GrpcClients:{name}:Address"] is { Length: > 0 } address)
            {
                o.Address = new Uri(address, UriKind.Absolute);
            }
        });
        if (configure is not null)
        {
            services.Configure(name, configure);
        }
        services.TryAddSingleton<IGrpcChannelFactory, GrpcChannelFactory>();
        services.TryAddKeyedSingleton<GrpcChannel>(name, (sp, key) => sp.GetRequiredService<IGrpcChannelFactory>().GetChannel((string)key!));
        return services;
    }

    /// <summary>
    /// Registers a named channel and a typed client <typeparamref name="TClient"/> (transient)
    /// constructed with that channel plus any other services it needs.
    /// </summary>
    public static IServiceCollection AddGrpcClient<TClient>(this IServiceCollection services, string name, Action<GrpcClientOptions>? configure = null)
        where TClient : class
    {
        services.AddGrpcClient(name, configure);
        services.TryAddTransient(sp => ActivatorUtilities.CreateInstance<TClient>(sp, sp.GetRequiredService<IGrpcChannelFactory>().GetChannel(name)));
        return services;
    }
}
