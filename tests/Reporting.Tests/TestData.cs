using System.Globalization;
using System.Text.Json;
using Platform.Contracts.Events.Catalogue.V1;
using Platform.Contracts.Events.Labour.V1;
using Platform.Contracts.Events.Zones.V1;

namespace Reporting.Tests;

/// <summary>
/// The shipped demo data (the catalogue's Chrzanów JSON, the labour CSV, the zones JSON) turned into
/// the events the other services publish. The status mapping here is the test's own, deliberately
/// simple, so expected counts are computed independently of the service's code.
/// </summary>
public static class TestData
{
    public static readonly DateTimeOffset Imported = new(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);

    public static string Root => Platform.Testing.Repository.Root;

    public static string MapStatus(string? text)
    {
        var t = (text ?? "").ToUpperInvariant().Replace(" ", "");
        if (t.Contains("CIĄGŁ")) return "continuous";
        if (t.Contains("CZĘŚCIOW")) return "partial";
        if (t.Contains("BRAKREALIZACJI")) return "not_realized";
        if (t.Contains("WTRAKCIE")) return "in_progress";
        if (t == "TAK") return "completed";
        return "";
    }

    public sealed record Strategy(StrategyPublished Header, StrategyTreeChanged Tree, List<MonitoringEntryRecorded> Entries);

    public static Strategy Chrzanow(Guid strategyId)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "services/Catalogue/Catalogue.Api/DemoData/chrzanow-strategy-2015-2023.json")));
        var root = doc.RootElement;
        var s = root.GetProperty("strategy");
        var header = new StrategyPublished(strategyId, "chrzanow-2015-2023", s.GetProperty("name").GetString()!, "powiat", ["1203"], "Powiat chrzanowski",
            2015, 2023, s.GetProperty("adopted_by").GetString(), null, null, "adopted", root.GetProperty("evaluation_summary").GetRawText(), 1, Imported);

        var nodes = new List<StrategyNodeSnapshot>();
        var ids = new Dictionary<string, Guid>();
        var order = 0;
        foreach (var a in root.GetProperty("areas").EnumerateArray())
        {
            var code = a.GetProperty("code").GetString()!;
            ids["area:" + code] = Guid.NewGuid();
            nodes.Add(Node(ids["area:" + code], null, "area", code, a.GetProperty("name").GetString()!, ++order, false));
            nodes.Add(Node(Guid.NewGuid(), ids["area:" + code], "strategic_goal", code, a.GetProperty("strategic_goal").GetString()!, ++order, false));
        }
        foreach (var g in root.GetProperty("operational_goals").EnumerateArray())
        {
            var code = g.GetProperty("code").GetString()!;
            ids["goal:" + code] = Guid.NewGuid();
            nodes.Add(Node(ids["goal:" + code], ids["area:" + g.GetProperty("area").GetString()!], "operational_goal", code, g.GetProperty("name").GetString()!, ++order, false));
        }
        var entries = new List<MonitoringEntryRecorded>();
        foreach (var d in root.GetProperty("directions").EnumerateArray())
        {
            var code = d.GetProperty("code").GetString()!;
            var title = d.GetProperty("title").GetString()!;
            var id = Guid.NewGuid();
            nodes.Add(Node(id, ids["goal:" + d.GetProperty("operational_goal").GetString()!], "direction", code, title, ++order,
                title.Contains("projekt w ramach całego obszaru funkcjonalnego")));
            var mode = d.GetProperty("realization_mode").GetString();
            var status = MapStatus(mode);
            entries.Add(new MonitoringEntryRecorded(Guid.NewGuid(), strategyId, id, code, 2015, 2023, 1,
                d.GetProperty("realized").GetString() == "TAK", status == "" ? null : status, mode, null,
                d.GetProperty("conclusions").GetString(), [], [], "import", Imported, Imported));
        }
        return new Strategy(header, new StrategyTreeChanged(strategyId, header.Code, 1, nodes.ToArray(), Imported), entries);
    }

    public static StrategyNodeSnapshot Node(Guid id, Guid? parent, string kind, string code, string title, int order, bool areaWide,
        IndicatorSnapshot[]? indicators = null) =>
        new(id, parent, kind, code, title, order, [], areaWide, null, indicators ?? [], [], 1);

    public static ObservationsPublished Labour()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "services/LabourMarket/LabourMarket.Api/DemoData/labour-demo.csv")).Skip(1).Where(l => l.Length > 0);
        var values = lines.Select(l => l.Split(';'))
            .Select(c => new PublishedObservation(c[0], c[1], c[2], c[3], decimal.Parse(c[4], CultureInfo.InvariantCulture), 1, c[5]))
            .ToArray();
        return new ObservationsPublished("demo-" + Guid.NewGuid(), "demo", Imported, values.Length, 0, 0,
            values.Select(v => v.Indicator).Distinct().ToArray(), values.Select(v => v.Unit).Distinct().ToArray(),
            values.Select(v => v.Period).Distinct().ToArray(), true, values, Imported);
    }

    public static List<ZoneRegistered> Zones()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "services/Zones/Zones.Api/DemoData/zones-demo.json")));
        return doc.RootElement.GetProperty("zones").EnumerateArray().Select(z =>
        {
            var gmina = z.GetProperty("gminaTeryt").GetString()!;
            return new ZoneRegistered(Guid.Parse(z.GetProperty("id").GetString()!), z.GetProperty("name").GetString()!, gmina, gmina[..4],
                z.GetProperty("kind").GetString()!, z.GetProperty("state").GetString()!, z.GetProperty("totalAreaHa").GetDecimal(),
                z.GetProperty("availableAreaHa").GetDecimal(), z.GetProperty("totalAreaHa").GetDecimal(),
                z.TryGetProperty("yearEstablished", out var y) && y.ValueKind == JsonValueKind.Number ? y.GetInt32() : null,
                null, false, null, 1, Imported);
        }).ToList();
    }
}
