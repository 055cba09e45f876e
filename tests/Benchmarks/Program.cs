using System.Reflection;
using Benchmarks.Harness;

// The national data set as files (tests/Benchmarks/README.md, "national"), not a benchmark.
if (args.FirstOrDefault() == Benchmarks.National.NationalGenerator.Command) return await Benchmarks.National.NationalGenerator.RunAsync(args);

var smoke = args.Contains("--smoke");
var names = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
var benchmarks = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchmark).IsAssignableFrom(t))
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .Where(b => names.Count == 0 || names.Contains(b.Name))
    .OrderBy(b => b.Name)
    .ToList();

var context = new BenchmarkContext(smoke, Console.Out);
var failed = 0;
foreach (var benchmark in benchmarks)
{
    Console.WriteLine($"== {benchmark.Name}{(smoke ? " (smoke: figures are not meaningful)" : "")}");
    try { await benchmark.RunAsync(context); }
    catch (Exception ex) { failed++; Console.WriteLine($"!! {benchmark.Name} failed: {ex}"); }
}
Console.WriteLine($"benchmarks: {benchmarks.Count - failed} ran, {failed} failed");
return failed == 0 ? 0 : 1;
