namespace Platform.Territory;

/// <summary>Codes, levels, kinds and parents of TERC rows; a row whose parent row is missing (or a duplicate code) is an error.</summary>
internal static class TercHierarchy
{
    public static List<TercUnit> Link(List<TercRow> rows, TercErrors errors)
    {
        var lineOf = new Dictionary<string, int>(rows.Count, StringComparer.Ordinal);
        var unique = new List<TercRow>(rows.Count);
        // A district hangs from its city's gmina: the urban gmina (RODZ 1) of the same WOJ+POW, the lowest code if several.
        var cityGmina = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var code = row.Code;
            if (!lineOf.TryAdd(code, row.Line))
            {
                errors.Add(row.Line, "code", $"Kod {code} powtarza się; pierwszy raz wystąpił w wierszu {lineOf[code]}.");
                continue;
            }
            unique.Add(row);
            if (row.Rodz == '1')
            {
                var powiat = code[..4];
                if (!cityGmina.TryGetValue(powiat, out var known) || string.CompareOrdinal(code, known) < 0) cityGmina[powiat] = code;
            }
        }

        var units = new List<TercUnit>(unique.Count + 1) { new(TerritorialUnit.RootCode, TerritorialUnit.Root.Name, UnitLevels.Country, null, null, null, 0) };
        foreach (var row in unique)
        {
            if (!row.Valid) continue; // its own errors are reported; its code still counts as present above
            var unit = ToUnit(row, lineOf, cityGmina, errors);
            if (unit is not null) units.Add(unit);
        }
        return units;
    }

    private static TercUnit? ToUnit(TercRow row, Dictionary<string, int> lineOf, Dictionary<string, string> cityGmina, TercErrors errors)
    {
        var code = row.Code;
        if (row.Pow.Length == 0)
            return new TercUnit(code, row.Name.ToLowerInvariant(), UnitLevels.Voivodeship, null, TerritorialUnit.RootCode, row.Description, row.Line);

        if (row.Gmi.Length == 0)
        {
            if (!lineOf.ContainsKey(row.Woj))
                return Missing(row, "WOJ", $"Brak wiersza województwa {row.Woj}, do którego należy powiat {code}.", errors);
            // GUS numbers cities with powiat rights from 61 up; land powiaty below.
            var kind = int.Parse(row.Pow) >= 61 ? UnitKinds.CityWithPowiatRights : UnitKinds.Powiat;
            return new TercUnit(code, row.Name, UnitLevels.Powiat, kind, row.Woj, row.Description, row.Line);
        }

        var powiatCode = code[..4];
        switch (row.Rodz)
        {
            case '1' or '2' or '3':
                if (!lineOf.ContainsKey(powiatCode))
                    return Missing(row, "POW", $"Brak wiersza powiatu {powiatCode}, do którego należy gmina {code}.", errors);
                var kind = row.Rodz switch { '1' => UnitKinds.Urban, '2' => UnitKinds.Rural, _ => UnitKinds.UrbanRural };
                return new TercUnit(code, row.Name, UnitLevels.Gmina, kind, powiatCode, row.Description, row.Line);
            case '4' or '5':
                var gmina = code[..6] + "3";
                if (!lineOf.ContainsKey(gmina))
                    return Missing(row, "RODZ", $"Brak wiersza gminy miejsko-wiejskiej {gmina} (RODZ 3), której częścią jest {code}.", errors);
                var partKind = row.Rodz == '4' ? UnitKinds.TownPart : UnitKinds.RuralPart;
                return new TercUnit(code, row.Name, UnitLevels.GminaPart, partKind, gmina, row.Description, row.Line);
            default: // '8' or '9', the only others TercRow lets through
                if (!cityGmina.TryGetValue(powiatCode, out var city))
                    return Missing(row, "RODZ", $"Brak wiersza gminy miejskiej (RODZ 1) w powiecie {powiatCode}, do której należy dzielnica lub delegatura {code}.", errors);
                var districtKind = row.Rodz == '8' ? UnitKinds.WarsawDistrict : UnitKinds.CityDelegation;
                return new TercUnit(code, row.Name, UnitLevels.District, districtKind, city, row.Description, row.Line);
        }
    }

    private static TercUnit? Missing(TercRow row, string field, string message, TercErrors errors)
    {
        errors.Add(row.Line, field, message);
        return null;
    }
}
