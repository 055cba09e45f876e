using Xunit.Abstractions;
using Platform.Territory;

namespace BuildingBlocks.Tests.Territory;

/// <summary>Lookups over the full register: counts, the tree, search as a person types, names resolved in their context.</summary>
public sealed class TerritoryIndexTests
{
    private static readonly Lazy<TerritoryIndex> Full = new(() =>
        TerritoryIndex.Build(RegisterUpdate.Apply([], TercInputs.Full, null).Units, version: 1, stateAsOf: TercInputs.Full.StateAsOf));

    private static TerritoryIndex Index => Full.Value;

    [Fact]
    public void The_register_counts_the_units_of_Poland()
    {
        Assert.Equal((1, new DateOnly(2024, 1, 1)), (Index.Version, Index.StateAsOf));
        Assert.Equal(1, Index.CountCurrent(UnitLevels.Country));
        Assert.Equal(16, Index.CountCurrent(UnitLevels.Voivodeship));
        Assert.Equal(380, Index.CountCurrent(UnitLevels.Powiat));
        Assert.Equal(2477, Index.CountCurrent(UnitLevels.Gmina));
        Assert.Equal(16, Index.Children("PL").Count);
        Assert.Equal(2477, Index.Descendants("PL", UnitLevels.Gmina).Count);
        Assert.Equal(182, Index.Descendants("12", UnitLevels.Gmina).Count);
        Assert.Equal(22, Index.Descendants("12", UnitLevels.Powiat).Count);
        Assert.Equal(17, Index.Descendants("1206", UnitLevels.Gmina).Count);
        Assert.Equal(["1206113", "1206114", "1206115"], Index.Descendants("1206113").Prepend(Index.Find("1206113")!).Select(u => u.Code));
    }

    [Fact]
    public void Units_sit_in_their_parent_chain()
    {
        Assert.True(Index.IsWithin("1206113", "12"));
        Assert.True(Index.IsWithin("1206113", "1206"));
        Assert.True(Index.IsWithin("1206114", "1206113"));
        Assert.True(Index.IsWithin("1206113", "1206113"));
        Assert.True(Index.IsWithin("1261039", "1261"));
        Assert.True(Index.IsWithin("2417022", "PL"));
        Assert.False(Index.IsWithin("1261011", "1203"));
        Assert.False(Index.IsWithin("12", "1206113"));
        Assert.False(Index.IsWithin("9999999", "PL"));
        Assert.Equal(["PL", "12", "1261", "1261011", "1261039"], Index.Path("1261039").Select(u => u.Code));
        Assert.Equal("1261011", Index.Find("1261039")!.ParentCode);
        Assert.Empty(Index.Path("nope"));
        Assert.True(Index.Exists("1206113"));
        Assert.False(Index.Exists("1206119"));
        Assert.Null(Index.Find("1206119"));
    }

    [Fact]
    public void Display_names_are_Polish()
    {
        Assert.Equal("województwo małopolskie", Index.Find("12")!.DisplayName);
        Assert.Equal("powiat krakowski", Index.Find("1206")!.DisplayName);
        Assert.Equal("Kraków (miasto na prawach powiatu)", Index.Find("1261")!.DisplayName);
        Assert.Equal("gmina Skawina", Index.Find("1206113")!.DisplayName);
        Assert.Equal("Skawina – miasto", Index.Find("1206114")!.DisplayName);
        Assert.Equal("Skawina – obszar wiejski", Index.Find("1206115")!.DisplayName);
        Assert.Equal("Kraków-Nowa Huta (delegatura)", Index.Find("1261039")!.DisplayName);
        Assert.Equal("Polska", Index.Find("PL")!.DisplayName);
        Assert.Equal("malopolskie › krakowski › skawina",
            string.Join(" › ", Index.Path("1206113").Skip(1).Select(u => PolishText.Fold(u.Name))));
    }

    [Fact]
    public void Search_finds_what_a_person_types()
    {
        Assert.Equal("1206113", Index.Search("skaw")[0].Code);
        Assert.Equal(["1206113", "1206114", "1206115"], Index.Search("SKAW").Take(3).Select(u => u.Code));
        Assert.Equal("1261039", Index.Search("nowa h")[0].Code);
        Assert.Equal("1206012", Index.Search("czernichow", within: "1206").Single().Code);
        Assert.Equal(["1206012", "2417022"], Index.Search("Czernichów", level: UnitLevels.Gmina).Select(u => u.Code));
        Assert.Equal("1206", Index.Search("powiat krak")[0].Code);
        Assert.Equal("12", Index.Search("małopolskie")[0].Code);
        Assert.Equal(["1261", "1261011"], Index.Search("krakow").Take(2).Select(u => u.Code)); // exact name first
        var codes = Index.Search("1206", limit: 100);
        Assert.Equal("1206", codes[0].Code);
        Assert.All(codes, u => Assert.StartsWith("1206", u.Code));
        Assert.Equal(1 + 17 + 2 * 5, codes.Count); // the powiat, its gminy and the parts of its 5 urban-rural gminy
        Assert.Equal(5, Index.Search("a", limit: 5).Count);
        Assert.Empty(Index.Search("  "));
        Assert.Empty(Index.Search("skaw", within: "1203"));
        Assert.Equal(UnitLevels.GminaPart, Index.Search("skawina", level: UnitLevels.GminaPart)[0].Level);
    }

    [Fact]
    public void Names_resolve_within_their_context()
    {
        var czernichow = Index.ResolveGmina("Czernichów", "1206");
        Assert.Equal("1206012", czernichow.Unit?.Code);

        var anywhere = Index.ResolveGmina("Czernichów");
        Assert.True(anywhere.IsAmbiguous);
        Assert.Equal(["1206012", "2417022"], anywhere.Candidates.Select(u => u.Code));

        Assert.Equal("1206113", Index.ResolveGmina("gmina skawina").Unit?.Code);
        Assert.Equal("1206113", Index.ResolveGmina("Skawina", "12").Unit?.Code);
        Assert.True(Index.ResolveGmina("Skawina", "1203").IsUnknown);
        Assert.True(Index.ResolveGmina("Atlantyda").IsUnknown);
        Assert.True(Index.ResolveGmina("Bolesławiec", "0201").IsAmbiguous); // an urban and a rural gmina of one name
        Assert.Equal("0201022", Index.ResolveGmina("gmina wiejska Bolesławiec", "0201").Unit?.Code);

        Assert.Equal("1203", Index.ResolvePowiat("chrzanowski").Unit?.Code);
        Assert.Equal("1203", Index.ResolvePowiat("Powiat Chrzanowski", "12").Unit?.Code);
        Assert.Equal("1261", Index.ResolvePowiat("Kraków").Unit?.Code);
        Assert.True(Index.ResolvePowiat("brzeski").IsAmbiguous);
        Assert.Equal("1202", Index.ResolvePowiat("brzeski", "małopolskie").Unit?.Code);
        Assert.Equal("1202", Index.ResolvePowiat("brzeski", "12").Unit?.Code);
        Assert.True(Index.ResolvePowiat("Skawina").IsUnknown);
    }

    [Fact]
    public void Every_gmina_is_within_its_powiat_and_voivodeship_and_nowhere_else()
    {
        // Speed is the territory-register benchmark's business (tests/Benchmarks); this is the answer's.
        foreach (var gmina in Index.Descendants("PL", UnitLevels.Gmina))
        {
            Assert.True(Index.IsWithin(gmina.Code, gmina.Code[..4]), gmina.Code);
            Assert.True(Index.IsWithin(gmina.Code, gmina.Code[..2]), gmina.Code);
            Assert.False(Index.IsWithin(gmina.Code, gmina.Code[..2] == "12" ? "14" : "12"), gmina.Code);
        }
    }

    [Theory]
    [InlineData("Świątniki  Górne", "swiatniki gorne")]
    [InlineData("ŁÓDŹ", "lodz")]
    [InlineData(" Kraków–Nowa Huta ", "krakow-nowa huta")]
    [InlineData("Żółć Ęą Ńń Ść", "zolc ea nn sc")]
    public void Folding_ignores_case_diacritics_and_spacing(string text, string folded) =>
        Assert.Equal(folded, PolishText.Fold(text));

    [Fact]
    public void An_empty_index_knows_only_the_root()
    {
        Assert.Equal(0, TerritoryIndex.Empty.CountCurrent(UnitLevels.Gmina));
        Assert.True(TerritoryIndex.Empty.Exists("PL"));
        Assert.False(TerritoryIndex.Empty.Exists("12"));
        Assert.True(TerritoryIndex.Empty.ResolveGmina("Skawina").IsUnknown);
    }
}
