using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Health.V1;

namespace Platform.Grpc.Health;

/// <summary>
/// The serving status of the server ("" = whole server) and of each service, with change
/// notification for Watch. Singleton; set statuses from application code or let the
/// health-check poller drive them.
/// </summary>
public sealed class HealthStatusManager
{
    private readonly ConcurrentDictionary<string, HealthCheckResponse.Types.ServingStatus> _statuses = new(StringComparer.Ordinal);
    private readonly List<(string Service, Channel<HealthCheckResponse.Types.ServingStatus> Channel)> _watchers = [];
    private readonly Lock _lock = new();

    public HealthStatusManager()
    {
        _statuses[""] = HealthCheckResponse.Types.ServingStatus.Serving;
    }

    public bool TryGetStatus(string service, out HealthCheckResponse.Types.ServingStatus status) =>
        _statuses.TryGetValue(service, out status);

    public IReadOnlyDictionary<string, HealthCheckResponse.Types.ServingStatus> Statuses => _statuses;

    public void SetStatus(string service, HealthCheckResponse.Types.ServingStatus status)
    {
        if (_statuses.TryGetValue(service, out var old) && old == status)
        {
            return;
        }
        _statuses[service] = status;
        Notify(service, status);
    }

    /// <summary>Sets the status unless the service already has one.</summary>
    public void AddIfMissing(string service, HealthCheckResponse.Types.ServingStatus status)
    {
        if (_statuses.TryAdd(service, status))
        {
            Notify(service, status);
        }
    }

    public void ClearStatus(string service)
    {
        if (_statuses.TryRemove(service, out _))
        {
            Notify(service, HealthCheckResponse.Types.ServingStatus.ServiceUnknown);
        }
    }

    /// <summary>True once the host is shutting down; Watch streams then end.</summary>
    public bool IsShuttingDown { get; private set; }

    /// <summary>
    /// Marks everything NOT_SERVING and ends all Watch streams (called when the host stops, so
    /// open Watch calls do not hold up shutdown).
    /// </summary>
    public void Shutdown()
    {
        lock (_lock)
        {
            IsShuttingDown = true;
            foreach (var key in _statuses.Keys)
            {
                _statuses[key] = HealthCheckResponse.Types.ServingStatus.NotServing;
            }
            foreach (var (name, channel) in _watchers)
            {
                channel.Writer.TryWrite(HealthCheckResponse.Types.ServingStatus.NotServing);
                channel.Writer.TryComplete();
            }
        }
    }

    internal Channel<HealthCheckResponse.Types.ServingStatus> Subscribe(string service)
    {
        var channel = Channel.CreateBounded<HealthCheckResponse.Types.ServingStatus>(
            new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_lock)
        {
            if (IsShuttingDown)
            {
                channel.Writer.TryComplete();
            }
            _watchers.Add((service, channel));
        }
        return channel;
    }

    internal void Unsubscribe(Channel<HealthCheckResponse.Types.ServingStatus> channel)
    {
        lock (_lock)
        {
            _watchers.RemoveAll(w => w.Channel == channel);
        }
    }

    private void Notify(string service, HealthCheckResponse.Types.ServingStatus status)
    {
        lock (_lock)
        {
            foreach (var (name, channel) in _watchers)
            {
                if (name == service)
                {
                    channel.Writer.TryWrite(status);
                }
            }
        }
    }
}
