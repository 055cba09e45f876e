using System.Globalization;
using System.Text;
using Platform.Testing;

namespace Benchmarks.National;

/// <summary>
/// The generator as a command, for loading the national data set outside the benchmark:
/// <c>dotnet run -c Release --project tests/Benchmarks -- generate-national --out DIR [--every N] [--limit N] [--months M]
/// [--seed S] [--strategies N] [--terc FILE] [--pup-feed]</c>. Writes <c>observations.csv</c> in the column order of the
/// labour service's table (for <c>\copy observations (indicator_code, unit_teryt, period, period_kind, breakdown,
/// revision, value, source, batch_id, received_at) FROM 'observations.csv' WITH (FORMAT csv)</c>), or with
/// <c>--pup-feed</c> one export file per powiat and month in pup-feed's layout (<c>pup/POWIAT/YYYY-MM.csv</c>); and
/// <c>strategies.csv</c> and <c>strategy-nodes.csv</c>. The same seed gives the same bytes.
/// </summary>
public static class NationalGenerator
{
    public const string Command = "generate-national";

    public static async Task<int> RunAsync(string[] args)
    {
        string? Option(string name) => args.SkipWhile(a => a != "--" + name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Option(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var output = Option("out");
        if (output is null)
        {
            await Console.Error.WriteLineAsync("usage: generate-national --out DIR [--every N] [--limit N] [--months M] [--seed S] [--strategies N] [--terc FILE] [--pup-feed]");
            return 2;
        }
        Directory.CreateDirectory(output);
        var powiaty = NationalDataSet.ReadPowiaty(Option("terc") ?? TercFiles.Full, Number("every", 1), Number("limit", int.MaxValue));
        var data = new NationalDataSet(powiaty, Number("months", 120), Number("seed", 20));
        var utf8 = new UTF8Encoding(false);
        var start = System.Diagnostics.Stopwatch.StartNew();
        long rows = 0;
        if (args.Contains("--pup-feed"))
        {
            foreach (var p in powiaty)
            {
                var folder = Directory.CreateDirectory(Path.Combine(output, "pup", p.Code));
                foreach (var month in data.Figures(p, 0, data.Months).GroupBy(f => f.Period))
                {
                    await using var w = new StreamWriter(Path.Combine(folder.FullName, month.Key + ".csv"), false, utf8);
                    await w.WriteLineAsync("teryt;wskaźnik;okres;przekrój;wartość");
                    foreach (var f in month) { await w.WriteLineAsync($"{f.Unit};{f.Indicator};{f.Period};{f.Breakdown};{Text(f.Value)}"); rows++; }
                }
            }
        }
        else
        {
            await using var w = new StreamWriter(Path.Combine(output, "observations.csv"), false, utf8, 1 << 20);
            foreach (var p in powiaty)
                foreach (var f in data.Figures(p, 0, data.Months))
                {
                    var received = new DateTimeOffset(int.Parse(f.Period[..4], CultureInfo.InvariantCulture), int.Parse(f.Period[5..], CultureInfo.InvariantCulture), 1, 0, 0, 0, TimeSpan.Zero)
                        .AddMonths(1).AddDays(10);
                    await w.WriteLineAsync($"{f.Indicator},{f.Unit},{f.Period},month,{f.Breakdown},1,{Text(f.Value)},\"{NationalDataSet.Source}\",national-{p.Code}-{f.Period},{received:yyyy-MM-ddTHH:mm:ssZ}");
                    rows++;
                }
        }
        var strategies = data.Strategies(Number("strategies", 500));
        await using (var s = new StreamWriter(Path.Combine(output, "strategies.csv"), false, utf8))
        await using (var n = new StreamWriter(Path.Combine(output, "strategy-nodes.csv"), false, utf8))
        {
            await s.WriteLineAsync("id,code,owner_kind,owner_unit,owner_name,depth,directions");
            await n.WriteLineAsync("strategy_id,id,parent_id,kind,code,sort_order,area_wide");
            foreach (var strategy in strategies)
            {
                await s.WriteLineAsync($"{strategy.Id},{strategy.Code},{strategy.OwnerKind},{strategy.OwnerUnit},\"{strategy.OwnerName}\",{strategy.Depth},{strategy.Directions}");
                foreach (var node in NationalDataSet.Tree(strategy))
                    await n.WriteLineAsync($"{strategy.Id},{node.Id},{node.Parent},{node.Kind},{node.Code},{node.Order},{(node.AreaWide ? "true" : "false")}");
            }
        }
        Console.WriteLine($"{powiaty.Count} powiaty, {data.UnitCount:N0} units, {data.Months} months: {rows:N0} observations and {strategies.Count} strategies " +
                          $"written to {output} in {start.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
