using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Territory.Persistence;

/// <summary>
/// The register as an in-memory <see cref="TerritoryIndex"/>, shared by every request of the process: a feed of
/// 200,000 rows or a search per keystroke must not read 4,400 rows each time. The stored version is checked at
/// most every few seconds (another replica, or the copy consumer, may have replaced it); <see cref="Invalidate"/>
/// makes the next read check at once.
/// </summary>
public sealed class TerritoryRegisterCache(IServiceScopeFactory scopes, TimeProvider time)
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile TerritoryIndex? _index;
    private long _checkedAt;
    private volatile bool _stale = true;

    public async ValueTask<TerritoryIndex> GetAsync(CancellationToken ct)
    {
        if (_index is { } index && !_stale && time.GetElapsedTime(Interlocked.Read(ref _checkedAt)) < CheckEvery) return index;
        await _gate.WaitAsync(ct);
        try
        {
            if (_index is { } fresh && !_stale && time.GetElapsedTime(Interlocked.Read(ref _checkedAt)) < CheckEvery) return fresh;
            _stale = false;
            await using var scope = scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<ITerritoryRegisterStore>();
            var version = await store.GetVersionAsync(ct);
            if (_index is null || version is null || _index.Version != version.Version || _index.StateAsOf != version.StateAsOf)
            {
                var units = version is null ? [] : await store.LoadUnitsAsync(ct);
                _index = TerritoryIndex.Build(units, version?.Version ?? 0, version?.StateAsOf);
            }
            Interlocked.Exchange(ref _checkedAt, time.GetTimestamp());
            return _index;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Invalidate() => _stale = true;

    /// <summary>
    /// Waits (up to <paramref name="timeout"/>, saying so once in the log) for a copy the owner has not published yet:
    /// demo data that names units needs them. False when it is still empty.
    /// </summary>
    public async Task<bool> WaitUntilLoadedAsync(TimeSpan timeout, ILogger logger, string waitingFor, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        var told = false;
        while (!(await GetAsync(ct)).IsLoaded)
        {
            if (waited.Elapsed >= timeout) return false;
            if (!told)
            {
                logger.LogInformation("Waiting up to {Wait} for the TERYT register copy (published by labour) before {WaitingFor}", timeout, waitingFor);
                told = true;
            }
            Invalidate();
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
        }
        if (told) logger.LogInformation("TERYT register copy arrived after {Elapsed:0} s", waited.Elapsed.TotalSeconds);
        return true;
    }
}
