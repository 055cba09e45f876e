using System.Globalization;
using System.Text;

namespace Benchmarks.National;

/// <summary>A powiat of the TERC register with its gminy (kinds 1, 2, 3; their town and rural parts are left out).</summary>
public sealed record Powiat(string Code, string Name, IReadOnlyList<(string Code, string Name, char Kind)> Gminy)
{
    public IEnumerable<string> Units => Gminy.Select(g => g.Code).Prepend(Code);
}

/// <summary>One generated figure, in the labour service's vocabulary.</summary>
public readonly record struct Figure(string Indicator, string Unit, string Period, string Breakdown, decimal Value);

/// <summary>
/// The national data set (issue 20), generated from the TERC register, deterministic for a seed: for every gmina and
/// powiat, <see cref="Months"/> monthly figures from 2015-01 — registered unemployed in total and by sex, age band,
/// duration and education; long-term unemployed (= the two durations over 12 months) in total and by sex; unemployed
/// with benefit; inflow in total, by sex and age; outflow in total and by sex; the registered-unemployment rate.
/// Sums hold across breakdowns (every dimension adds up to the total exactly), across levels (a powiat is the sum of
/// its gminy, its rate their pooled rate) and over time (stock(m) = stock(m-1) + inflow(m) - outflow(m)).
/// 37 figures per unit and month: 2,857 units × 120 months = 12.7 million rows at full scale.
/// </summary>
public sealed class NationalDataSet
{
    public const int FirstYear = 2015;
    public const string Source = "PUP, sprawozdanie MRiPS-01 (dane syntetyczne, benchmark national)";

    public static readonly string[] Sexes = ["sex:female", "sex:male"];
    public static readonly string[] Ages = ["age:18-24", "age:25-34", "age:35-44", "age:45-54", "age:55-59", "age:60+"];
    public static readonly string[] Durations = ["duration:0-1m", "duration:1-3m", "duration:3-6m", "duration:6-12m", "duration:12-24m", "duration:24m+"];
    public static readonly string[] Educations =
        ["education:higher", "education:post-secondary-vocational", "education:general-secondary", "education:basic-vocational", "education:lower-secondary-or-less"];

    private static readonly double[] AgeWeights = [0.12, 0.27, 0.23, 0.17, 0.11, 0.10];
    private static readonly double[] DurationWeights = [0.09, 0.16, 0.16, 0.18, 0.16, 0.25];
    private static readonly double[] EducationWeights = [0.13, 0.21, 0.10, 0.26, 0.30];

    public const int FiguresPerUnitMonth = 1 + 2 + 6 + 6 + 5 + 3 + 1 + 9 + 3 + 1;

    public IReadOnlyList<Powiat> Powiaty { get; }
    public int Months { get; }
    public int Seed { get; }

    public NationalDataSet(IReadOnlyList<Powiat> powiaty, int months, int seed)
    {
        Powiaty = powiaty;
        Months = months;
        Seed = seed;
    }

    public int UnitCount => Powiaty.Sum(p => 1 + p.Gminy.Count);
    public long RowCount => (long)UnitCount * Months * FiguresPerUnitMonth;

    public static string PeriodOf(int month) => $"{FirstYear + month / 12:0000}-{month % 12 + 1:00}";

    /// <summary>
    /// The powiaty of a TERC file (GUS layout WOJ;POW;GMI;RODZ;NAZWA;…) with their gminy, in code order. <paramref name="every"/>
    /// keeps every n-th powiat (1/10 of the country: 10), <paramref name="limit"/> at most that many (smoke).
    /// </summary>
    public static List<Powiat> ReadPowiaty(string tercFile, int every = 1, int limit = int.MaxValue)
    {
        var powiaty = new SortedDictionary<string, (string Name, List<(string, string, char)> Gminy)>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(tercFile, Encoding.UTF8).Skip(1))
        {
            var f = line.Split(';');
            if (f.Length < 5 || f[1].Length == 0) continue;
            var powiat = f[0] + f[1];
            if (f[2].Length == 0) { powiaty[powiat] = (f[4], powiaty.TryGetValue(powiat, out var p) ? p.Gminy : []); continue; }
            if (f[3] is not ("1" or "2" or "3")) continue;
            if (!powiaty.TryGetValue(powiat, out var known)) powiaty[powiat] = known = ("", []);
            known.Gminy.Add((powiat + f[2] + f[3], f[4], f[3][0]));
        }
        return powiaty.Select((p, i) => (p, i)).Where(x => x.i % every == 0).Take(limit)
            .Select(x => new Powiat(x.p.Key, x.p.Value.Name, x.p.Value.Gminy)).ToList();
    }

    /// <summary>Months <paramref name="from"/> … <paramref name="to"/> (exclusive; 0 = 2015-01) of one powiat, month by month.</summary>
    public IEnumerable<Figure> Figures(Powiat powiat, int from, int to)
    {
        var gminy = powiat.Gminy.Select(g => new GminaModel(g.Code, g.Kind, Seed)).ToList();
        var count = Math.Max(to, 1);
        // Every gmina's stocks and flows, month by month (from the start: a month depends on the one before).
        var series = gminy.Select(g => g.Simulate(count)).ToList();
        for (var m = from; m < to; m++)
        {
            var period = PeriodOf(m);
            var sum = new UnitMonth();
            for (var i = 0; i < gminy.Count; i++)
            {
                var month = series[i][m];
                sum.Add(month);
                foreach (var f in month.Figures(gminy[i].Code, period)) yield return f;
            }
            foreach (var f in sum.Figures(powiat.Code, period)) yield return f;
        }
    }

    /// <summary>One gmina's parameters, drawn from the seed and its code only (so any subset of the country gives the same figures).</summary>
    private sealed class GminaModel
    {
        public string Code { get; }
        private readonly Random _random;
        private readonly double _base, _labourForce, _female, _inflowRate;
        private readonly double[] _age, _duration, _education;

        public GminaModel(string code, char kind, int seed)
        {
            Code = code;
            _random = new Random(HashCode(code) ^ seed);
            // Registered unemployed at the start: cities large, rural gminy small (log-normal around the kind's median).
            var median = kind switch { '1' => 1400.0, '3' => 700.0, _ => 320.0 };
            _base = median * Math.Exp(Normal() * 0.6);
            var rate = Math.Clamp(0.10 + Normal() * 0.04, 0.03, 0.28);
            _labourForce = _base / rate;
            _female = Math.Clamp(0.53 + Normal() * 0.03, 0.45, 0.62);
            _inflowRate = Math.Clamp(0.10 + Normal() * 0.02, 0.05, 0.2);
            _age = Jitter(AgeWeights);
            _duration = Jitter(DurationWeights);
            _education = Jitter(EducationWeights);
        }

        private double Normal() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

        private double[] Jitter(double[] weights) => weights.Select(w => w * (0.8 + 0.4 * _random.NextDouble())).ToArray();

        public UnitMonth[] Simulate(int months)
        {
            var result = new UnitMonth[months];
            var previous = Stock(-1);
            for (var m = 0; m < months; m++)
            {
                var stock = Stock(m);
                // Inflow: a share of the stock, never less than the growth (outflow is what balances the stock).
                var inflow = Math.Max((long)Math.Round(previous * _inflowRate * (0.85 + 0.3 * _random.NextDouble())), stock - previous);
                var outflow = previous + inflow - stock;
                result[m] = UnitMonth.Of(stock, inflow, outflow, _labourForce, _female, _age, _duration, _education);
                previous = stock;
            }
            return result;
        }

        /// <summary>The national trend (falling to 45% by 2024, the 2020 rise), the season (winter high) and noise.</summary>
        private long Stock(int month)
        {
            var years = month / 12.0;
            var trend = 1.0 - 0.055 * years + (years is > 5.2 and < 6.8 ? 0.12 * Math.Sin((years - 5.2) / 1.6 * Math.PI) : 0);
            var season = 1 + 0.06 * Math.Cos((month % 12) / 12.0 * 2 * Math.PI);
            return Math.Max(3, (long)Math.Round(_base * Math.Max(trend, 0.3) * season * (1 + 0.02 * Normal())));
        }

        private static int HashCode(string code)
        {
            unchecked
            {
                var h = (int)2166136261;
                foreach (var c in code) h = (h ^ c) * 16777619;
                return h;
            }
        }
    }

    /// <summary>One unit's month, every breakdown; a powiat's is the sum of its gminy's.</summary>
    private sealed class UnitMonth
    {
        public long Stock, Inflow, Outflow, Benefit;
        public double LabourForce;
        public readonly long[] Sex = new long[2], Age = new long[6], Duration = new long[6], Education = new long[5];
        public readonly long[] LongTermSex = new long[2], InflowSex = new long[2], InflowAge = new long[6], OutflowSex = new long[2];

        public long LongTerm => Duration[4] + Duration[5];

        public static UnitMonth Of(long stock, long inflow, long outflow, double labourForce, double female,
            double[] age, double[] duration, double[] education)
        {
            var m = new UnitMonth { Stock = stock, Inflow = inflow, Outflow = outflow, LabourForce = labourForce, Benefit = (long)Math.Round(stock * 0.14) };
            Split(stock, [female, 1 - female], m.Sex);
            Split(stock, age, m.Age);
            Split(stock, duration, m.Duration);
            Split(stock, education, m.Education);
            Split(m.LongTerm, [female + 0.02, 0.98 - female], m.LongTermSex);
            Split(inflow, [female - 0.03, 1.03 - female], m.InflowSex);
            Split(inflow, age.Select((w, i) => i < 2 ? w * 1.4 : w).ToArray(), m.InflowAge);
            Split(outflow, [female - 0.02, 1.02 - female], m.OutflowSex);
            return m;
        }

        public void Add(UnitMonth o)
        {
            Stock += o.Stock; Inflow += o.Inflow; Outflow += o.Outflow; Benefit += o.Benefit; LabourForce += o.LabourForce;
            AddTo(Sex, o.Sex); AddTo(Age, o.Age); AddTo(Duration, o.Duration); AddTo(Education, o.Education);
            AddTo(LongTermSex, o.LongTermSex); AddTo(InflowSex, o.InflowSex); AddTo(InflowAge, o.InflowAge); AddTo(OutflowSex, o.OutflowSex);
        }

        private static void AddTo(long[] sum, long[] part) { for (var i = 0; i < sum.Length; i++) sum[i] += part[i]; }

        /// <summary>Largest-remainder split of a whole number by weights: the parts add up to it exactly.</summary>
        private static void Split(long total, double[] weights, long[] into)
        {
            var sum = weights.Sum();
            var remainders = new double[weights.Length];
            long given = 0;
            for (var i = 0; i < weights.Length; i++)
            {
                var exact = total * weights[i] / sum;
                into[i] = (long)Math.Floor(exact);
                remainders[i] = exact - into[i];
                given += into[i];
            }
            foreach (var i in Enumerable.Range(0, weights.Length).OrderByDescending(i => remainders[i]).ThenBy(i => i))
            {
                if (given == total) break;
                into[i]++;
                given++;
            }
        }

        public IEnumerable<Figure> Figures(string unit, string period)
        {
            const string ru = "registered_unemployed", lt = "long_term_unemployed", inflow = "inflow", outflow = "outflow";
            yield return new(ru, unit, period, "total", Stock);
            for (var i = 0; i < 2; i++) yield return new(ru, unit, period, Sexes[i], Sex[i]);
            for (var i = 0; i < 6; i++) yield return new(ru, unit, period, Ages[i], Age[i]);
            for (var i = 0; i < 6; i++) yield return new(ru, unit, period, Durations[i], Duration[i]);
            for (var i = 0; i < 5; i++) yield return new(ru, unit, period, Educations[i], Education[i]);
            yield return new(lt, unit, period, "total", LongTerm);
            for (var i = 0; i < 2; i++) yield return new(lt, unit, period, Sexes[i], LongTermSex[i]);
            yield return new("unemployed_with_benefit", unit, period, "total", Benefit);
            yield return new(inflow, unit, period, "total", Inflow);
            for (var i = 0; i < 2; i++) yield return new(inflow, unit, period, Sexes[i], InflowSex[i]);
            for (var i = 0; i < 6; i++) yield return new(inflow, unit, period, Ages[i], InflowAge[i]);
            yield return new(outflow, unit, period, "total", Outflow);
            for (var i = 0; i < 2; i++) yield return new(outflow, unit, period, Sexes[i], OutflowSex[i]);
            yield return new("unemployment_rate", unit, period, "total", Math.Round((decimal)(Stock / LabourForce * 100), 1));
        }
    }

    /// <summary>One strategy of the generated catalogue: its owner and tree (depth 3–5, 20–300 directions).</summary>
    public sealed record Strategy(Guid Id, string Code, string OwnerKind, string OwnerUnit, string OwnerName, int Depth, int Directions);

    /// <summary>
    /// <paramref name="count"/> strategies of varied shape owned by random units of the data set (seeded); the first is
    /// always 300 directions deep 4, owned by the first powiat (the same in every subset), for the final-evaluation timing.
    /// </summary>
    public List<Strategy> Strategies(int count)
    {
        var random = new Random(Seed * 31 + 7);
        var units = Powiaty.SelectMany(p => p.Gminy.Select(g => (Code: g.Code, Name: "Gmina " + g.Name, Kind: "gmina"))
            .Prepend((Code: p.Code, Name: "Powiat " + p.Name, Kind: "powiat"))).ToList();
        var list = new List<Strategy>(count);
        for (var i = 0; i < count; i++)
        {
            var owner = i == 0 ? units[0] : units[random.Next(units.Count)];
            var depth = i == 0 ? 4 : 3 + random.Next(3);
            var directions = i == 0 ? 300 : 20 + random.Next(281);
            list.Add(new Strategy(new Guid($"00000000-0000-4000-a000-{i:D12}"), $"national-{i:D3}", owner.Kind, owner.Code, owner.Name, depth, directions));
        }
        return list;
    }

    /// <summary>The nodes of a strategy's tree (parent before child), codes as the catalogue writes them.</summary>
    public static List<(Guid Id, Guid? Parent, string Kind, string Code, int Order, bool AreaWide)> Tree(Strategy s)
    {
        var nodes = new List<(Guid, Guid?, string, string, int, bool)>();
        var random = new Random(s.Id.GetHashCode());
        Guid NewId() { var b = new byte[16]; random.NextBytes(b); return new Guid(b); }
        var order = 0;
        // Levels above the directions: depth 3 area → operational goal; 4 adds a strategic goal; 5 a domain on top.
        var areas = Math.Clamp(s.Directions / 40 + 2, 2, 6);
        var goalsPerArea = Math.Max(1, (int)Math.Ceiling(s.Directions / (double)areas / 12));
        var perGoal = (int)Math.Ceiling(s.Directions / (double)(areas * goalsPerArea));
        var made = 0;
        Guid? domain = null;
        if (s.Depth == 5) { domain = NewId(); nodes.Add((domain.Value, null, "domain", "D", ++order, false)); }
        for (var a = 1; a <= areas && made < s.Directions; a++)
        {
            var area = NewId();
            var code = Roman(a);
            nodes.Add((area, domain, "area", code, ++order, false));
            var goalParent = area;
            if (s.Depth >= 4) { goalParent = NewId(); nodes.Add((goalParent, area, "strategic_goal", code, ++order, false)); }
            for (var g = 1; g <= goalsPerArea && made < s.Directions; g++)
            {
                var goal = NewId();
                nodes.Add((goal, goalParent, "operational_goal", $"{code}.{g}", ++order, false));
                for (var d = 1; d <= perGoal && made < s.Directions; d++, made++)
                    nodes.Add((NewId(), goal, "direction", $"{code}.{g}.{d}", ++order, random.Next(8) == 0));
            }
        }
        return nodes;
    }

    private static string Roman(int n) => n switch { 1 => "I", 2 => "II", 3 => "III", 4 => "IV", 5 => "V", 6 => "VI", _ => n.ToString(CultureInfo.InvariantCulture) };
}
