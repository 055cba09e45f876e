using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Hosting;

/// <summary>
/// Takes the caller's correlation id (or makes one), returns it, and puts it in the logging scope
/// so every log line of the request carries it.
/// </summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public const string HeaderName = "X-Correlation-Id";
    private const int MaxLength = 128;

    public async Task InvokeAsync(HttpContext context)
    {
        var id = Sanitize(context.Request.Headers[HeaderName].ToString()) ?? Guid.NewGuid().ToString("N");
        context.TraceIdentifier = id;
        // Also on the request, so a proxy (the gateway) passes it on to the services.
        context.Request.Headers[HeaderName] = id;
        context.Response.Headers[HeaderName] = id;
        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
        {
            await next(context);
        }
    }

    // A correlation id is echoed into logs and headers: accept only short, printable tokens.
    private static string? Sanitize(string value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength) return null;
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')) return null;
        }
        return value;
    }
}
