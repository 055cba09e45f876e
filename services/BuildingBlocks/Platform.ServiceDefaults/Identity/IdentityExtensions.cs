using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults.Identity;

public static class IdentityExtensions
{
    /// <summary>Services trust only identity headers signed by the gateway, or by a service for itself (see <see cref="InternalIdentityToken"/>).</summary>
    public static IHostApplicationBuilder AddPlatformIdentity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(InternalIdentityToken.From(builder.Configuration));
        builder.Services.AddAuthentication(InternalIdentityAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, InternalIdentityAuthenticationHandler>(InternalIdentityAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<CurrentCaller>();
        return builder;
    }

    /// <summary>
    /// Authentication, then a flat refusal of any request whose identity header does not verify:
    /// a forged identity is an attack, not an anonymous read.
    /// </summary>
    public static WebApplication UsePlatformIdentity(this WebApplication app)
    {
        app.UseAuthentication();
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.ContainsKey(InternalIdentityToken.HeaderName) && context.User.Identity?.IsAuthenticated != true)
            {
                await ErrorResponses.WriteAsync(context, new AccessDeniedException(true, "Nagłówek tożsamości nie jest prawidłowo podpisany (sfałszowany lub wygasły)."));
                return;
            }
            await next(context);
        });
        app.UseAuthorization();
        return app;
    }

    /// <summary>The caller of the current request.</summary>
    public static PlatformCaller Caller(this HttpContext context) => PlatformCaller.From(context.User);
}
