using Platform.Territory;

namespace BuildingBlocks.Tests.Territory;

/// <summary>Loading TERC files one after another keeps history: renamed and ended units stay readable with their dates.</summary>
public sealed class RegisterUpdateTests
{
    private static readonly DateOnly First = new(2024, 1, 1);
    private static readonly DateOnly Next = new(2025, 1, 1);

    private static RegisterChanges FirstLoad() => RegisterUpdate.Apply([], TercInputs.Full, null);

    /// <summary>The full file a year later: Zielonki renamed, a new gmina in powiat krakowski, Wielka Wieś gone.</summary>
    private static TercSnapshot ChangedCopy()
    {
        var lines = TercInputs.FullLines();
        lines[TercInputs.IndexOf(lines, "12;06;17;2;")] = "12;06;17;2;Zielonki Krakowskie;gmina wiejska;2024-01-01";
        lines.Insert(TercInputs.IndexOf(lines, "12;06;17;2;") + 1, "12;06;18;2;Nowa Wola Krakowska;gmina wiejska;2024-01-01");
        lines.RemoveAt(TercInputs.IndexOf(lines, "12;06;15;2;"));
        var path = Path.Combine(Path.GetTempPath(), $"TERC_changed_{Guid.NewGuid():N}.csv");
        try
        {
            using (var file = File.Create(path)) TercInputs.Utf8(TercInputs.WithState(lines, "2025-01-01")).CopyTo(file);
            using var read = File.OpenRead(path);
            return TercFile.Parse(read);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void The_first_file_makes_every_unit_present_from_the_start()
    {
        var changes = FirstLoad();
        Assert.Equal(4333, changes.Units.Count);
        Assert.Equal("PL", changes.Units[0].Code);
        Assert.Equal(4332, changes.Added.Count);
        Assert.Empty(changes.Renamed);
        Assert.Empty(changes.Ended);
        Assert.All(changes.Units, u => Assert.True(u.ValidFrom is null && u.ValidTo is null && u.FormerNames.Count == 0, u.Code));
        Assert.Equal("małopolskie", changes.Units.Single(u => u.Code == "12").Name);
    }

    [Fact]
    public void The_same_file_again_changes_nothing()
    {
        var first = FirstLoad();
        var again = RegisterUpdate.Apply(first.Units, TercFile.Parse(TercInputs.Windows1250(TercInputs.FullLines())), First);
        Assert.True(again.IsEmpty);
        Assert.Equal(first.Units, again.Units);
    }

    [Fact]
    public void A_later_file_adds_renames_and_ends_exactly_what_changed()
    {
        var changes = RegisterUpdate.Apply(FirstLoad().Units, ChangedCopy(), First);

        Assert.False(changes.IsEmpty);
        Assert.Equal(["1206182"], changes.Added.Select(u => u.Code));
        Assert.Equal([new UnitRename("1206172", "Zielonki", "Zielonki Krakowskie")], changes.Renamed);
        Assert.Equal(["1206152"], changes.Ended.Select(u => u.Code));
        Assert.Empty(changes.Reinstated);
        Assert.Equal(4334, changes.Units.Count); // nothing leaves the register

        var index = TerritoryIndex.Build(changes.Units, version: 2, stateAsOf: Next);
        var added = index.Find("1206182")!;
        Assert.Equal((Next, (DateOnly?)null, "1206"), (added.ValidFrom, added.ValidTo, added.ParentCode));

        var renamed = index.Find("1206172")!;
        Assert.Equal("Zielonki Krakowskie", renamed.Name);
        Assert.Equal([new FormerName("Zielonki", null, new DateOnly(2024, 12, 31))], renamed.FormerNames);
        Assert.True(renamed.IsCurrent);

        var ended = index.Find("1206152")!;
        Assert.Equal(("Wielka Wieś", new DateOnly(2024, 12, 31)), (ended.Name, ended.ValidTo));
        Assert.False(ended.IsCurrent);
        Assert.True(ended.IsValidOn(new DateOnly(2024, 6, 1)));
        Assert.False(ended.IsValidOn(Next));
        Assert.True(index.Exists("1206152"));
        Assert.True(index.IsWithin("1206152", "1206"));
        Assert.DoesNotContain(ended, index.Children("1206"));
        Assert.Contains(ended, index.Children("1206", currentOnly: false));
        Assert.Equal(2477, index.CountCurrent(UnitLevels.Gmina)); // one ended, one added

        // The register finds a renamed gmina by the name it had, and the new one by its own.
        Assert.Equal("1206172", index.ResolveGmina("Zielonki", "1206").Unit?.Code);
        Assert.Equal("1206182", index.ResolveGmina("nowa wola krakowska").Unit?.Code);
    }

    [Fact]
    public void Loading_the_later_file_again_changes_nothing_and_a_second_rename_keeps_both_names()
    {
        var later = RegisterUpdate.Apply(FirstLoad().Units, ChangedCopy(), First);
        Assert.True(RegisterUpdate.Apply(later.Units, ChangedCopy(), Next).IsEmpty);

        var lines = TercInputs.FullLines();
        lines[TercInputs.IndexOf(lines, "12;06;17;2;")] = "12;06;17;2;Zielonki Podkrakowskie;gmina wiejska;2024-01-01";
        lines.Insert(TercInputs.IndexOf(lines, "12;06;17;2;") + 1, "12;06;18;2;Nowa Wola Krakowska;gmina wiejska;2024-01-01");
        var third = RegisterUpdate.Apply(later.Units, TercInputs.Parse(TercInputs.WithState(lines, "2026-01-01")), Next);

        Assert.Equal(["1206152"], third.Reinstated.Select(u => u.Code)); // Wielka Wieś is back in the file
        Assert.Null(third.Units.Single(u => u.Code == "1206152").ValidTo);
        Assert.Equal(
            [new FormerName("Zielonki", null, new DateOnly(2024, 12, 31)), new FormerName("Zielonki Krakowskie", Next, new DateOnly(2025, 12, 31))],
            third.Units.Single(u => u.Code == "1206172").FormerNames);
    }

    [Fact]
    public void An_older_file_than_the_register_is_refused()
    {
        var later = RegisterUpdate.Apply(FirstLoad().Units, ChangedCopy(), First);
        var e = Assert.Throws<TercFormatException>(() => RegisterUpdate.Apply(later.Units, TercInputs.Full, Next));
        var error = TercInputs.Single(e, "STAN_NA");
        Assert.Contains("2024-01-01", error.Message);
        Assert.Contains("2025-01-01", error.Message);
        Assert.Contains(e.ToValidationFailed().Errors.Keys, k => k.EndsWith(".STAN_NA", StringComparison.Ordinal));
    }
}
