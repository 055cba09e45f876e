using Gateway.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Gateway.Identity;

/// <summary>
/// Looks keys up by prefix. Answers, found or not, are cached briefly (Auth:ApiKeyCacheSeconds) so a busy feeder does
/// not cost a query per call; revocation therefore takes effect within that time. The cache holds at most
/// Auth:ApiKeyCacheEntries prefixes, so a flood of made-up prefixes cannot grow it (and <see cref="SignInGuard"/> stops
/// an address that keeps guessing before it costs a query).
/// </summary>
public sealed class ApiKeyStore(IServiceScopeFactory scopes, IConfiguration configuration) : IDisposable
{
    private readonly TimeSpan cacheFor = TimeSpan.FromSeconds(configuration.GetValue("Auth:ApiKeyCacheSeconds", 10));
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = configuration.GetValue("Auth:ApiKeyCacheEntries", 10_000) });

    private sealed record Answer(ApiKey? Key);

    public async Task<ApiKey?> FindAsync(string prefix, CancellationToken cancellationToken)
    {
        if (cacheFor > TimeSpan.Zero && cache.TryGetValue(prefix, out Answer? cached) && cached is not null) return cached.Key;

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Prefix == prefix, cancellationToken);
        if (cacheFor > TimeSpan.Zero)
            cache.Set(prefix, new Answer(key), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = cacheFor });
        return key;
    }

    /// <summary>How many prefixes the cache holds now (tests: it stays bounded).</summary>
    public int CachedPrefixes => cache.Count;

    public void Dispose() => cache.Dispose();
}
