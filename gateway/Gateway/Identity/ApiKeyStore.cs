using System.Collections.Concurrent;
using Gateway.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Identity;

/// <summary>
/// Looks keys up by prefix. Found keys are cached briefly (Auth:ApiKeyCacheSeconds) so a busy
/// feeder does not cost a query per call; revocation therefore takes effect within that time.
/// </summary>
public sealed class ApiKeyStore(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (ApiKey? Key, DateTimeOffset Until)> _cache = new();
    private readonly TimeSpan _cacheFor = TimeSpan.FromSeconds(configuration.GetValue("Auth:ApiKeyCacheSeconds", 10));

    public async Task<ApiKey?> FindAsync(string prefix, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_cacheFor > TimeSpan.Zero && _cache.TryGetValue(prefix, out var cached) && cached.Until > now) return cached.Key;

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Prefix == prefix, cancellationToken);
        if (_cacheFor > TimeSpan.Zero) _cache[prefix] = (key, now + _cacheFor);
        return key;
    }
}
