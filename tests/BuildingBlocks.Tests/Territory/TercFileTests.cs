using System.Text;
using Platform.Territory;

namespace BuildingBlocks.Tests.Territory;

/// <summary>The GUS TERC file as the register reads it: levels, kinds, parents, encodings, and every kind of bad file.</summary>
public sealed class TercFileTests
{
    [Fact]
    public void The_full_file_has_the_units_of_Poland()
    {
        var snapshot = TercInputs.Full;
        Assert.Equal(new DateOnly(2024, 1, 1), snapshot.StateAsOf);
        Assert.Equal("utf-8", snapshot.Encoding);
        Assert.Equal(4332 + 1, snapshot.Units.Count); // every row and the "PL" root

        int Count(string level, string? kind = null) => snapshot.Units.Count(u => u.Level == level && (kind is null || u.Kind == kind));
        Assert.Equal(1, Count(UnitLevels.Country));
        Assert.Equal(16, Count(UnitLevels.Voivodeship));
        Assert.Equal(380, Count(UnitLevels.Powiat));
        Assert.Equal(314, Count(UnitLevels.Powiat, UnitKinds.Powiat));
        Assert.Equal(66, Count(UnitLevels.Powiat, UnitKinds.CityWithPowiatRights));
        Assert.Equal(2477, Count(UnitLevels.Gmina));
        Assert.Equal(302, Count(UnitLevels.Gmina, UnitKinds.Urban));
        Assert.Equal(1464, Count(UnitLevels.Gmina, UnitKinds.Rural));
        Assert.Equal(711, Count(UnitLevels.Gmina, UnitKinds.UrbanRural));
        Assert.Equal(711, Count(UnitLevels.GminaPart, UnitKinds.TownPart));
        Assert.Equal(711, Count(UnitLevels.GminaPart, UnitKinds.RuralPart));
        Assert.Equal(18, Count(UnitLevels.District, UnitKinds.WarsawDistrict));
        Assert.Equal(19, Count(UnitLevels.District, UnitKinds.CityDelegation));
    }

    [Fact]
    public void Codes_names_and_parents_follow_the_register_rules()
    {
        var units = TercInputs.Full.Units.ToDictionary(u => u.Code);
        Assert.Equal(TercInputs.Full.Units[0], new TercUnit("PL", "Polska", UnitLevels.Country, null, null, null, 0));
        Assert.Equal(("małopolskie", "PL", "województwo"), (units["12"].Name, units["12"].ParentCode, units["12"].Description));
        Assert.Equal(("krakowski", "12", UnitKinds.Powiat), (units["1206"].Name, units["1206"].ParentCode, units["1206"].Kind));
        Assert.Equal(("Kraków", UnitKinds.CityWithPowiatRights), (units["1261"].Name, units["1261"].Kind));
        Assert.Equal(("Skawina", UnitLevels.Gmina, UnitKinds.UrbanRural, "1206"),
            (units["1206113"].Name, units["1206113"].Level, units["1206113"].Kind, units["1206113"].ParentCode));
        Assert.Equal((UnitKinds.TownPart, "1206113"), (units["1206114"].Kind, units["1206114"].ParentCode));
        Assert.Equal((UnitKinds.RuralPart, "1206113"), (units["1206115"].Kind, units["1206115"].ParentCode));
        Assert.Equal(("Kraków-Nowa Huta", UnitKinds.CityDelegation, "1261011"),
            (units["1261039"].Name, units["1261039"].Kind, units["1261039"].ParentCode));
        Assert.All(units.Values.Where(u => u.Code.StartsWith("1261", StringComparison.Ordinal) && u.Level == UnitLevels.District),
            d => Assert.Equal("1261011", d.ParentCode));
        Assert.Equal((UnitKinds.WarsawDistrict, "1465011"), (units["1465028"].Kind, units["1465028"].ParentCode));
        Assert.Equal(1400, units["1206012"].Line);
    }

    [Fact]
    public void A_windows_1250_copy_reads_the_same()
    {
        var cp1250 = TercFile.Parse(TercInputs.Windows1250(TercInputs.FullLines()));
        Assert.Equal("windows-1250", cp1250.Encoding);
        Assert.Equal(TercInputs.Full.StateAsOf, cp1250.StateAsOf);
        Assert.Equal(TercInputs.Full.Units, cp1250.Units);
        Assert.Contains(cp1250.Units, u => u.Name == "Świątniki Górne");
    }

    [Fact]
    public void BOM_LF_and_empty_lines_do_not_matter()
    {
        var lines = TercInputs.FullLines();
        lines.Insert(5, "");
        lines.Insert(100, "   ");
        lines.Add("");
        var snapshot = TercFile.Parse(TercInputs.Utf8(lines, newline: "\n", bom: true));
        Assert.Equal(TercInputs.Full.Units.Select(u => (u.Code, u.Name, u.ParentCode)), snapshot.Units.Select(u => (u.Code, u.Name, u.ParentCode)));
        Assert.Equal("utf-8", snapshot.Encoding);
        Assert.Equal(1400 + 2, snapshot.Units.Single(u => u.Code == "1206012").Line); // lines are the file's own, blank ones counted
    }

    [Fact]
    public void A_wrong_header_is_refused()
    {
        var lines = TercInputs.FullLines();
        lines[0] = "WOJ;POW;GMI;RODZ;NAZWA;STAN_NA";
        var e = Assert.Throws<TercFormatException>(() => TercInputs.Parse(lines));
        var error = Assert.Single(e.Errors);
        Assert.Equal((1, "header"), (error.Line, error.Field));
        Assert.Contains("WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA", error.Message);
    }

    [Fact]
    public void Header_case_and_spaces_do_not_matter()
    {
        var snapshot = TercInputs.Parse([" woj; pow;gmi;rodz;nazwa;nazwa_dod;stan_na ", "12;;;;MAŁOPOLSKIE;województwo;2024-01-01"]);
        Assert.Equal(["PL", "12"], snapshot.Units.Select(u => u.Code));
    }

    [Fact]
    public void Every_bad_line_is_reported_with_its_line_and_field()
    {
        var lines = TercInputs.FullLines();
        lines[1399] = "12;06;1;2;Czernichów;gmina wiejska;2024-01-01";      // line 1400: GMI of 1 digit
        lines[1400] = "12;006;02;2;Igołomia;gmina wiejska;2024-01-01";      // line 1401: POW of 3 digits
        lines[1401] = "12;06;03;7;Iwanowice;gmina wiejska;2024-01-01";      // line 1402: unknown RODZ
        lines[1402] = "12;06;04;2;;gmina wiejska;2024-01-01";               // line 1403: no name
        lines[1403] = "12;06;05;2;Kocmyrzów-Luborzyca;gmina wiejska;2024-13-01"; // line 1404: no such date
        lines[1407] = "12;06;07;2;Liszki;gmina wiejska";                   // line 1408: 6 fields
        lines[1408] = "12;06;08;2;Michałowice;gmina wiejska;2024-02-01";    // line 1409: another state
        lines[1409] = "12;06;09;;Mogilany;gmina wiejska;2024-01-01";        // line 1410: gmina without RODZ
        var e = Assert.Throws<TercFormatException>(() => TercInputs.Parse(lines));

        Assert.Equal(
            [(1400, "GMI"), (1401, "POW"), (1402, "RODZ"), (1403, "NAZWA"), (1404, "STAN_NA"), (1408, "columns"), (1409, "STAN_NA"), (1410, "RODZ")],
            e.Errors.Select(x => (x.Line, x.Field)));
        Assert.Contains("2 cyfry", e.Errors[0].Message);
        Assert.Contains("wiersza 2", e.Errors[6].Message); // the line whose state the file has

        var failed = e.ToValidationFailed();
        Assert.Contains("line[1401].POW", failed.Errors.Keys);
        Assert.Contains("line[1410].RODZ", failed.Errors.Keys);
        Assert.Equal(8, failed.Errors.Count);
    }

    [Fact]
    public void A_gmina_without_its_powiat_is_refused()
    {
        var lines = TercInputs.FullLines();
        lines.RemoveAt(TercInputs.IndexOf(lines, "12;06;;;"));
        var e = Assert.Throws<TercFormatException>(() => TercInputs.Parse(lines));
        // Every gmina of powiat 1206 names its line; the parts are fine, their gminy are there.
        Assert.Equal(17, e.Errors.Count);
        Assert.All(e.Errors, x => Assert.Equal("POW", x.Field));
        Assert.Equal(1399, e.Errors[0].Line); // Czernichów moved up by one line
        Assert.Contains("1206", e.Errors[0].Message);
    }

    [Fact]
    public void A_bad_powiat_line_is_one_error_not_one_per_gmina()
    {
        var lines = TercInputs.FullLines();
        lines[TercInputs.IndexOf(lines, "12;06;;;")] = "12;06;;;;powiat;2024-01-01";
        var e = Assert.Throws<TercFormatException>(() => TercInputs.Parse(lines));
        Assert.Equal((1399, "NAZWA"), (Assert.Single(e.Errors).Line, e.Errors[0].Field));
    }

    [Fact]
    public void Units_without_their_voivodeship_city_gmina_or_urban_rural_gmina_are_refused()
    {
        var e = Assert.Throws<TercFormatException>(() => TercInputs.Parse([
            TercInputs.Header,
            "12;06;;;krakowski;powiat;2024-01-01",            // 2: no voivodeship 12
            "14;;;;MAZOWIECKIE;województwo;2024-01-01",
            "14;65;;;Warszawa;miasto stołeczne, na prawach powiatu;2024-01-01",
            "14;65;02;8;Bemowo;dzielnica;2024-01-01",          // 5: no urban gmina in 1465
            "14;01;;;białobrzeski;powiat;2024-01-01",
            "14;01;01;4;Białobrzegi;miasto;2024-01-01",        // 7: no urban-rural gmina 1401013
            "14;01;01;2;Białobrzegi;gmina wiejska;2024-01-01",
        ]));
        Assert.Equal([(2, "WOJ"), (5, "RODZ"), (7, "RODZ")], e.Errors.Select(x => (x.Line, x.Field)));
        Assert.Contains("1401013", e.Errors[2].Message);
    }

    [Fact]
    public void A_duplicate_code_names_the_earlier_line()
    {
        var lines = TercInputs.FullLines();
        lines.Insert(1420, "12;06;11;3;Skawina Druga;gmina miejsko-wiejska;2024-01-01");
        var e = Assert.Throws<TercFormatException>(() => TercInputs.Parse(lines));
        var error = Assert.Single(e.Errors);
        Assert.Equal((1421, "code"), (error.Line, error.Field));
        Assert.Contains("1206113", error.Message);
        Assert.Contains("1414", error.Message);
        Assert.Equal(["Kod 1206113 powtarza się; pierwszy raz wystąpił w wierszu 1414."], e.ToValidationFailed().Errors["line[1421].code"]);
    }

    [Fact]
    public void A_file_mixing_UTF8_and_windows_1250_is_refused_naming_the_line()
    {
        var lines = TercInputs.FullLines();
        var bytes = new List<byte>();
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        for (var i = 0; i < lines.Count; i++)
            bytes.AddRange((i == 1400 ? Encoding.GetEncoding(1250) : Encoding.UTF8).GetBytes(lines[i] + "\r\n")); // Igołomia-Wawrzeńczyce
        var e = Assert.Throws<TercFormatException>(() => TercFile.Parse(new MemoryStream([.. bytes])));
        var error = Assert.Single(e.Errors);
        Assert.Equal((1401, "encoding"), (error.Line, error.Field));
    }

    [Fact]
    public void A_windows_1250_file_with_one_UTF8_line_names_that_line()
    {
        var lines = TercInputs.FullLines();
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = new List<byte>();
        for (var i = 0; i < lines.Count; i++)
            bytes.AddRange((i == 1416 ? Encoding.UTF8 : Encoding.GetEncoding(1250)).GetBytes(lines[i] + "\n")); // Słomniki
        var e = Assert.Throws<TercFormatException>(() => TercFile.Parse(new MemoryStream([.. bytes])));
        Assert.Equal((1417, "encoding"), (e.Errors[0].Line, e.Errors[0].Field));
    }

    [Fact]
    public void Replacement_and_control_characters_in_a_field_are_an_encoding_error()
    {
        var e = Assert.Throws<TercFormatException>(() => TercInputs.Parse([
            TercInputs.Header,
            "12;;;;MA\uFFFDOPOLSKIE;województwo;2024-01-01",
            "14;;;;MAZOWIECKIE\u0007;województwo;2024-01-01",
        ]));
        Assert.Equal([(2, "encoding"), (3, "encoding")], e.Errors.Select(x => (x.Line, x.Field)));
    }

    [Fact]
    public void A_huge_upload_is_refused_before_it_is_read_whole()
    {
        var huge = new MemoryStream(new byte[20 * 1024 * 1024]);
        Assert.Equal("file", Assert.Single(Assert.Throws<TercFormatException>(() => TercFile.Parse(huge)).Errors).Field);
        Assert.True(huge.Position < huge.Length);
    }

    [Fact]
    public void An_empty_file_or_one_with_only_the_header_is_refused()
    {
        Assert.Equal("header", Assert.Throws<TercFormatException>(() => TercInputs.Parse([])).Errors.Single().Field);
        Assert.Single(Assert.Throws<TercFormatException>(() => TercInputs.Parse([TercInputs.Header])).Errors);
    }
}
