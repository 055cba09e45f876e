using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Identity;

/// <summary>
/// Services' authentication: the gateway's signed identity header, or nobody (anonymous reads).
/// A header that does not verify is refused outright and logged: it is a forgery or a replay.
/// </summary>
public sealed class InternalIdentityAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, InternalIdentityToken tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PlatformIdentity";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers[InternalIdentityToken.HeaderName].ToString();
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        var principal = await tokens.ValidateAsync(header);
        if (principal is null)
        {
            Logger.LogWarning("Refused an identity header that does not verify, from {RemoteIp}", Context.Connection.RemoteIpAddress);
            return AuthenticateResult.Fail("The identity header does not verify (forged or expired).");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
