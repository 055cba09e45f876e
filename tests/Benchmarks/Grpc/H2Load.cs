using System.Globalization;
using System.Text.RegularExpressions;
using Benchmarks.Harness;

namespace Benchmarks.Grpc;

/// <summary>
/// Load from a separate process: nghttp2's h2load posting a ready-made gRPC frame. It reads the
/// per-request log for latency percentiles (its summary has only mean and deviation).
/// </summary>
public static partial class H2Load
{
    public const string Path = "/usr/bin/h2load";

    /// <summary>Put before the command line, e.g. to keep h2load off the servers' core (<see cref="CpuSplit"/>).</summary>
    public static string Prefix { get; set; } = "";

    public sealed record Result(string Target, long Succeeded, long Failed, double RequestsPerSecond, LatencySamples Latency);

    public static async Task<Result> RunAsync(string target, Uri url, byte[] body, int requests, int clients, int streamsPerClient)
    {
        if (!File.Exists(Path)) throw new InvalidOperationException("h2load is missing: apt-get install nghttp2-client (deploy/test.sh does)");
        var bodyFile = System.IO.Path.GetTempFileName();
        var logFile = System.IO.Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(bodyFile, body);
            var args = $"-n {requests} -c {clients} -m {streamsPerClient} -t 1 -d {bodyFile} --log-file={logFile} " +
                       "-H 'content-type: application/grpc' -H 'te: trailers' " + url;
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sh", ["-c", Prefix + Path + " " + args])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();

            var finished = Finished().Match(output);
            var counts = Requests().Match(output);
            if (!finished.Success || !counts.Success) throw new InvalidOperationException("h2load output not understood:\n" + output);
            var latency = new LatencySamples();
            foreach (var line in await File.ReadAllLinesAsync(logFile))
            {
                var columns = line.Split('\t');
                if (columns.Length >= 3 && columns[1] == "200") latency.AddMs(double.Parse(columns[2], CultureInfo.InvariantCulture) / 1000.0);
            }
            return new Result(target,
                long.Parse(counts.Groups["ok"].Value, CultureInfo.InvariantCulture),
                long.Parse(counts.Groups["failed"].Value, CultureInfo.InvariantCulture) + long.Parse(counts.Groups["errored"].Value, CultureInfo.InvariantCulture),
                double.Parse(finished.Groups["rps"].Value, CultureInfo.InvariantCulture),
                latency);
        }
        finally
        {
            File.Delete(bodyFile);
            File.Delete(logFile);
        }
    }

    [GeneratedRegex(@"finished in [\d.]+m?s, (?<rps>[\d.]+) req/s")]
    private static partial Regex Finished();

    [GeneratedRegex(@"requests: \d+ total, \d+ started, \d+ done, (?<ok>\d+) succeeded, (?<failed>\d+) failed, (?<errored>\d+) errored")]
    private static partial Regex Requests();
}
