using Platform.Text;
using Zones.Api.Domain;
using Zones.Api.Persistence;

namespace Zones.Api.Application;

/// <summary>
/// A zone's boundary must describe the zone it is saved with: an area close to the declared one, inside the
/// voivodeship of the zone's gmina. Otherwise any polygon could be saved (all of Poland for a 17.3 ha zone), and
/// it would answer every map, distance and polygon search.
/// </summary>
public static class BoundaryRules
{
    /// <summary>Declared areas are rounded and boundaries often approximate, so only a mismatch beyond this factor (either way) is refused.</summary>
    public const double AreaFactor = 1.5;

    /// <summary>The voivodeship outlines are simplified: a zone by the border may stick out of its outline by this much.</summary>
    public const double OutlineToleranceMetres = 200;

    /// <summary>The measured boundary against the declared area (when given) and the voivodeship (when known).</summary>
    public static void Check(string field, BoundaryMeasure measure, decimal? declaredHa, VoivodeshipOutline? voivodeship,
        string gminaName, ValidationErrors errors)
    {
        if (declaredHa is { } declared and > 0)
        {
            var computed = measure.AreaHa;
            var expected = (double)declared;
            if (computed > expected * AreaFactor || computed * AreaFactor < expected)
                errors.Add(field, $"Granica obejmuje {Hectares(computed)}, a zadeklarowana powierzchnia strefy to {Hectares(expected)}; " +
                    "popraw granicę albo powierzchnię.");
        }
        if (voivodeship is not null && measure.WithinOutline is false)
            errors.Add(field, $"Granica wykracza poza województwo {voivodeship.Name}, w którym leży gmina {gminaName} " +
                $"(z tolerancją {OutlineToleranceMetres:0} m); sprawdź współrzędne granicy i kod gminy.");
    }

    // Small areas keep two decimals, so a 0.04 ha sliver does not read as "0,0 ha".
    private static string Hectares(double value) =>
        PolishFormat.Number((decimal)value, value < 1 ? 2 : 1) + PolishFormat.GroupSeparator + "ha";
}
