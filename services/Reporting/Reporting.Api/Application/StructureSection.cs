using Reporting.Api.Domain;
using static Platform.Text.PolishFormat;

namespace Reporting.Api.Application;

/// <summary>The strategy's structure as the seed's "Tabela nr 1": per area its strategic goal, operational goals and directions.</summary>
public static class StructureSection
{
    public static Section Build(StrategyIndex tree)
    {
        var rows = tree.Areas.Select(area =>
        {
            var goals = tree.OperationalGoals.Where(g => tree.AreaOf(g).Id == area.Id).ToList();
            var directions = tree.Directions.Count(d => tree.AreaOf(d).Id == area.Id);
            return (IReadOnlyList<string>)
            [
                $"{area.Code}. {area.Title}",
                tree.StrategicGoalOf(area) is { } sg ? $"{sg.Code} {sg.Title}".Trim() : "—",
                goals.Count == 0 ? "—" : string.Join("\n", goals.Select(g => $"{g.Code} {g.Title}")),
                Number(directions),
            ];
        }).ToList();
        rows.Add(["Razem", Number(tree.StrategicGoals.Count), Number(tree.OperationalGoals.Count), Number(tree.Directions.Count)]);
        return new Section("Struktura strategii",
        [
            new Paragraph(
                $"Strategia składa się z {Count(tree.Areas.Count, "obszaru strategicznego", "obszarów strategicznych", "obszarów strategicznych")}. " +
                "Dla każdego obszaru sformułowano cel strategiczny, z którego wynikają cele operacyjne; dla ich urzeczywistnienia wyodrębniono " +
                "kierunki interwencji – kluczowe zadania i projekty do realizacji. Strukturę obrazuje tabela poniżej."),
            new Table("Struktura strategii: obszary strategiczne, cele i kierunki interwencji",
                ["Obszar strategiczny", "Cel strategiczny", "Cele operacyjne", "Kierunki interwencji"], rows, [22, 30, 38, 10]),
        ]);
    }
}
