using Microsoft.Extensions.Options;

namespace Gateway.Portal;

/// <summary>The portal's deployment settings and the optional voivodeship outlines, served next to its static files.</summary>
public static class PortalEndpoints
{
    public static IHostApplicationBuilder AddPortalSettings(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<PortalSettings>(builder.Configuration.GetSection(PortalSettings.SectionName));
        return builder;
    }

    public static WebApplication MapPortalEndpoints(this WebApplication app)
    {
        app.MapGet("/config.json", (IOptions<PortalSettings> options) =>
        {
            var settings = options.Value;
            return Results.Json(new
            {
                settings.DefaultUnit,
                BaseLayers = settings.BaseLayers.Where(l => l.Url.Length > 0),
                VoivodeshipOutlines = Outlines(settings) is null ? null : "data/voivodeships.geojson",
            });
        }).ExcludeFromDescription();
        app.MapGet("/data/voivodeships.geojson", (IOptions<PortalSettings> options) =>
            Outlines(options.Value) is { } file ? Results.File(file, "application/geo+json") : Results.NotFound()).ExcludeFromDescription();
        return app;
    }

    private static string? Outlines(PortalSettings settings) =>
        settings.VoivodeshipOutlinesFile is { Length: > 0 } file && File.Exists(file) ? Path.GetFullPath(file) : null;
}
