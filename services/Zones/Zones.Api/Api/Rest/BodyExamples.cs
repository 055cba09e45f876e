using System.Text.Json;
using Zones.Api.Application;

namespace Zones.Api.Api.Rest;

/// <summary>Example bodies for the API page: a zone of gmina Trzebinia and one of its plots.</summary>
internal static class BodyExamples
{
    private static readonly JsonElement Boundary = JsonDocument.Parse(
        """{"type":"Polygon","coordinates":[[[19.455,50.158],[19.468,50.158],[19.468,50.164],[19.455,50.164],[19.455,50.158]]]}""").RootElement;

    public static readonly ZoneRequest Zone = new(
        "SAG Trzebinia – przy węźle autostrady A4", "1203053", "sag", "expanding", 17.3m, 4.8m, 2010, "Krakowska SSE", true,
        "P/U – tereny produkcyjno-usługowe (MPZP uchwała nr XLII/512/2014)",
        new Dictionary<string, string> { ["water"] = "available", ["sewage"] = "available", ["electricity"] = "available", ["gas"] = "available" },
        false, "municipal", 120m, 180m, new ContactInput("Referat Rozwoju Gospodarczego", "inwestor@trzebinia.pl", "+48 32 612 10 00"),
        "Teren płaski, bezpośrednio przy węźle Chrzanów autostrady A4.", Boundary, false, null);

    public static readonly PlotRequest Plot = new("120305_4.0012.345/6", 1.25m, "available", null, null);
}
