using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Identity;

/// <summary>
/// Refused credentials, per client address: each is logged (address, method, path and the library's detail, which
/// stays in the log), the caller gets a short Polish reason without the token library's internals (key ids,
/// thumbprints), and an address that keeps failing (Auth:FailedAttemptsPerMinute, default 20) is answered 429 for
/// the rest of the minute without its credentials being checked, so guessing keys costs no database queries.
/// </summary>
public sealed class SignInGuard(IConfiguration configuration, TimeProvider clock, ILogger<SignInGuard> logger)
{
    private readonly int limit = configuration.GetValue("Auth:FailedAttemptsPerMinute", 20);
    private readonly ConcurrentDictionary<string, Window> failures = new();

    private sealed record Window(long Minute, int Count);

    public bool Blocked(HttpContext context) =>
        failures.TryGetValue(Address(context), out var w) && w.Minute == Minute() && w.Count >= limit;

    /// <summary>Records the refusal and answers the reason the caller may read.</summary>
    public string Refused(HttpContext context, Exception? failure)
    {
        var minute = Minute();
        var address = Address(context);
        var window = failures.AddOrUpdate(address, _ => new Window(minute, 1), (_, w) => w.Minute == minute ? w with { Count = w.Count + 1 } : new Window(minute, 1));
        if (failures.Count > 10_000) Prune(minute); // addresses of earlier minutes are of no use
        logger.LogWarning("Refused credentials from {RemoteIp} ({Failures} this minute) for {Method} {Path}: {Detail}",
            address, window.Count, context.Request.Method, context.Request.Path.Value, failure?.Message);
        return PublicReason(failure);
    }

    /// <summary>Our own reasons (API keys, roles) are written for people; the token library's are not.</summary>
    public static string PublicReason(Exception? failure) => failure switch
    {
        AuthenticationFailureException own => own.Message,
        AggregateException { InnerExceptions.Count: > 0 } all => PublicReason(all.InnerExceptions[0]),
        SecurityTokenExpiredException => "token wygasł; zaloguj się ponownie",
        SecurityTokenNotYetValidException => "token jeszcze nie obowiązuje",
        SecurityTokenInvalidLifetimeException => "token ma błędny okres ważności",
        _ => "nieprawidłowy token",
    };

    private void Prune(long minute)
    {
        foreach (var (key, w) in failures)
            if (w.Minute != minute) failures.TryRemove(key, out _);
    }

    private long Minute() => clock.GetUtcNow().ToUnixTimeSeconds() / 60;

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "?";
}
