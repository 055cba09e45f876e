using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Gateway.Portal;
using Microsoft.Extensions.Options;

namespace Gateway.Security;

/// <summary>
/// What every answer of the gateway tells the browser: a Content-Security-Policy (scripts only from the portal itself
/// and the API page's one inline script by its hash, no framing by other sites, images from the configured map tiles),
/// no MIME sniffing, no referrer beyond the origin. Styles may be inline: the reports' HTML and Leaflet use them.
/// </summary>
public static class SecurityHeaders
{
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        var policy = Policy(app.Services.GetRequiredService<IOptions<PortalSettings>>().Value, ApiPageScriptHashes());
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            return next(context);
        });
        return app;
    }

    public static string Policy(PortalSettings settings, IEnumerable<string> scriptHashes)
    {
        var tiles = settings.BaseLayers
            .Select(l => Uri.TryCreate(l.Url.Replace("{", "").Replace("}", ""), UriKind.Absolute, out var u) ? $"{u.Scheme}://{u.Authority}" : null)
            .OfType<string>().Distinct();
        return string.Join("; ",
            "default-src 'self'",
            $"script-src 'self' {string.Join(' ', scriptHashes.Select(h => $"'sha256-{h}'"))}".TrimEnd(),
            "style-src 'self' 'unsafe-inline'",
            $"img-src 'self' data: blob: {string.Join(' ', tiles)}".TrimEnd(),
            "connect-src 'self'",
            "font-src 'self' data:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    }

    /// <summary>The SHA-256 of each inline script of the API page (api-docs.html), so the policy allows exactly those.</summary>
    private static IEnumerable<string> ApiPageScriptHashes()
    {
        using var stream = typeof(SecurityHeaders).Assembly.GetManifestResourceStream("api-docs.html")!;
        var html = new StreamReader(stream, Encoding.UTF8).ReadToEnd();
        return Regex.Matches(html, "<script>(.*?)</script>", RegexOptions.Singleline)
            .Select(m => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups[1].Value)))).ToList();
    }
}
