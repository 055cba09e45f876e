using Platform.Territory;
using Zones.Api.Domain;

namespace Zones.Api.Application;

/// <summary>The checks a zone's attributes must pass before anything touches the database.</summary>
public static class ZoneRules
{
    /// <summary>The zone's attributes; its gmina against the copy of the TERYT register.</summary>
    public static void Validate(ZoneInput z, TerritoryIndex register, ValidationErrors errors)
    {
        errors.Required("name", z.Name, Limits.Name);
        if (string.IsNullOrWhiteSpace(z.GminaTeryt)) errors.Add("gminaTeryt", "Pole jest wymagane (7-cyfrowy kod TERYT gminy).");
        else RegisterRules.ZoneGmina(errors, "gminaTeryt", z.GminaTeryt, register);
        errors.OneOf("kind", z.Kind, ZoneKind.All);
        errors.OneOf("state", z.State, ZoneState.All);
        errors.OneOf("ownership", z.Ownership, Ownership.All);

        Area("totalAreaHa", z.TotalAreaHa, errors, allowZero: false);
        Area("availableAreaHa", z.AvailableAreaHa, errors, allowZero: true);
        if (z.TotalAreaHa is { } total && z.AvailableAreaHa is { } available && available > total)
            errors.Add("availableAreaHa", $"Dostępna powierzchnia ({available} ha) przekracza całkowitą ({total} ha).");

        if (z.YearEstablished is { } year && year is < Limits.MinYear or > Limits.MaxYear)
            errors.Add("yearEstablished", $"Rok spoza zakresu {Limits.MinYear}–{Limits.MaxYear}.");
        errors.MaxLength("sseName", z.SseName, Limits.ShortText);
        errors.MaxLength("zoningDesignation", z.ZoningDesignation, Limits.ShortText);
        errors.MaxLength("description", z.Description, Limits.LongText);
        errors.MaxLength("contact.name", z.Contact?.Name, Limits.ShortText);
        errors.MaxLength("contact.email", z.Contact?.Email, Limits.ShortText);
        errors.MaxLength("contact.phone", z.Contact?.Phone, Limits.ShortText);
        if (z.Contact?.Email is { Length: > 0 } email && !email.Contains('@')) errors.Add("contact.email", "Niepoprawny adres e-mail.");

        foreach (var (kind, status) in z.Utilities ?? new Dictionary<string, string>())
        {
            if (!UtilityKind.IsKnown(kind)) errors.Add($"utilities.{kind}", $"Nieznane medium; dozwolone: {string.Join(", ", UtilityKind.All)}.");
            else errors.OneOf($"utilities.{kind}", status, UtilityStatus.All);
        }

        Price("priceMinPlnM2", z.PriceMinPlnM2, errors);
        Price("priceMaxPlnM2", z.PriceMaxPlnM2, errors);
        if (z.PriceMinPlnM2 is { } min && z.PriceMaxPlnM2 is { } max && min > max)
            errors.Add("priceMaxPlnM2", "Cena maksymalna jest niższa od minimalnej.");

        GeoJsonPolygon.Validate(z.BoundaryGeoJson, "boundary", errors.Add);
    }

    public static void Validate(PlotInput p, ValidationErrors errors)
    {
        errors.Required("parcelId", p.ParcelId, 100);
        Area("areaHa", p.AreaHa, errors, allowZero: false);
        errors.OneOf("state", p.State, PlotState.All);
        if (p.BoundaryGeoJson is not null) GeoJsonPolygon.Validate(p.BoundaryGeoJson, "boundary", errors.Add);
    }

    private static void Area(string field, decimal? value, ValidationErrors errors, bool allowZero)
    {
        if (value is null) errors.Add(field, "Pole jest wymagane (hektary).");
        else if (value < 0 || (!allowZero && value == 0)) errors.Add(field, allowZero ? "Nie może być ujemna." : "Musi być dodatnia.");
        else if (value > Limits.MaxAreaHa) errors.Add(field, $"Najwyżej {Limits.MaxAreaHa} ha.");
    }

    private static void Price(string field, decimal? value, ValidationErrors errors)
    {
        if (value is < 0 or > Limits.MaxPricePlnM2) errors.Add(field, $"Cena w zł/m² musi być w przedziale 0…{Limits.MaxPricePlnM2}.");
    }
}
