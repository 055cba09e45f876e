using System.Globalization;
using Platform.Territory;
using Zones.Api.Application;

namespace Zones.Api.Api.Rest;

/// <summary>
/// Maps the query string of GET /api/v1/zones to the search criteria. Lists are comma-separated
/// (or repeated); bbox = minLon,minLat,maxLon,maxLat; near = lon,lat; polygon = GeoJSON text.
/// Unparseable values are reported with their parameter name, together with the criteria's own rules (units
/// checked against the copy of the TERYT register).
/// </summary>
public static class SearchQueryParser
{
    public static ZoneSearchCriteria Parse(IQueryCollection q, TerritoryIndex register)
    {
        var errors = new ValidationErrors();
        var criteria = new ZoneSearchCriteria
        {
            Gminy = List(q, "gmina"),
            Powiaty = List(q, "powiat"),
            Voivodeships = List(q, "voivodeship"),
            States = List(q, "state"),
            Kinds = List(q, "kind"),
            Utilities = List(q, "utilities"),
            MinAvailableHa = (decimal?)Number(q, "minAvailableHa", errors),
            MaxMotorwayKm = Number(q, "maxMotorwayKm", errors),
            Sse = Bool(q, "sse", errors),
            MaxPricePlnM2 = (decimal?)Number(q, "maxPrice", errors),
            Bbox = Numbers(q, "bbox", 4, errors) is { } b ? new BoundingBox(b[0], b[1], b[2], b[3]) : null,
            Near = Numbers(q, "near", 2, errors) is { } n ? new GeoPoint(n[0], n[1]) : null,
            RadiusKm = Number(q, "radiusKm", errors),
            PolygonGeoJson = q.TryGetValue("polygon", out var polygon) && !string.IsNullOrWhiteSpace(polygon) ? polygon.ToString() : null,
            Sort = q.TryGetValue("sort", out var sort) ? sort.ToString() : null,
            Page = (int?)Integer(q, "page", errors) ?? 1,
            PageSize = (int?)Integer(q, "pageSize", errors) ?? Limits.DefaultPageSize,
        };
        criteria.Validate(errors, register);
        errors.ThrowIfAny();
        return criteria;
    }

    private static List<string> List(IQueryCollection q, string name) =>
        q.TryGetValue(name, out var values)
            ? values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList()
            : [];

    private static double? Number(IQueryCollection q, string name, ValidationErrors errors)
    {
        if (!q.TryGetValue(name, out var value) || string.IsNullOrWhiteSpace(value)) return null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)) return number;
        errors.Add(name, $"'{value}' nie jest liczbą (separator dziesiętny: kropka).");
        return null;
    }

    private static long? Integer(IQueryCollection q, string name, ValidationErrors errors)
    {
        if (!q.TryGetValue(name, out var value) || string.IsNullOrWhiteSpace(value)) return null;
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)) return number;
        errors.Add(name, $"'{value}' nie jest liczbą całkowitą.");
        return null;
    }

    private static bool? Bool(IQueryCollection q, string name, ValidationErrors errors)
    {
        if (!q.TryGetValue(name, out var value) || string.IsNullOrWhiteSpace(value)) return null;
        if (bool.TryParse(value, out var b)) return b;
        errors.Add(name, "Oczekiwano true albo false.");
        return null;
    }

    private static double[]? Numbers(IQueryCollection q, string name, int count, ValidationErrors errors)
    {
        if (!q.TryGetValue(name, out var value) || string.IsNullOrWhiteSpace(value)) return null;
        var parts = value.ToString().Split(',', StringSplitOptions.TrimEntries);
        var numbers = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) || !double.IsFinite(numbers[i]))
            {
                errors.Add(name, $"Oczekiwano {count} liczb oddzielonych przecinkami.");
                return null;
            }
        }
        if (parts.Length == count) return numbers;
        errors.Add(name, $"Oczekiwano {count} liczb oddzielonych przecinkami.");
        return null;
    }
}
