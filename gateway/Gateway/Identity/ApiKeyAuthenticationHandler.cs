using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Identity;

namespace Gateway.Identity;

/// <summary>Machine clients: the key in <c>x-api-key</c> (HTTP header or gRPC metadata).</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore store, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "x-api-key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[HeaderName].ToString();
        if (string.IsNullOrEmpty(presented)) return AuthenticateResult.NoResult();
        if (!ApiKey.TryParse(presented, out var prefix, out var secret)) return Refuse("nieprawidłowy format klucza API", null);

        var key = await store.FindAsync(prefix, Context.RequestAborted);
        if (key is null || !key.Matches(secret)) return Refuse("nieznany klucz API", prefix);
        if (key.RefusalReason(clock.GetUtcNow()) is { } reason) return Refuse(reason, prefix);

        var identity = new ClaimsIdentity(
        [
            new Claim(PlatformClaims.Subject, "apikey:" + key.Prefix),
            new Claim(PlatformClaims.Name, key.Name),
            new Claim(PlatformClaims.Role, key.Role),
            new Claim(PlatformClaims.Territory, key.Territory),
            new Claim(PlatformClaims.Method, "api-key"),
        ], SchemeName, PlatformClaims.Name, PlatformClaims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private AuthenticateResult Refuse(string reason, string? prefix)
    {
        Logger.LogWarning("Refused API key {Prefix} from {RemoteIp}: {Reason}", prefix ?? "(malformed)", Context.Connection.RemoteIpAddress, reason);
        return AuthenticateResult.Fail(reason);
    }
}
