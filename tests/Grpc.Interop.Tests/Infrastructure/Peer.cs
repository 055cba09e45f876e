using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Grpc.Interop.Tests.Infrastructure;

/// <summary>
/// One independent gRPC client: a process per case (peers/python/client.py or peers/node/client.js)
/// that calls the gateway and prints one JSON object with what it saw.
/// </summary>
public sealed class Peer
{
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(90);

    public static readonly Peer Python = new("python", "grpc-python", 0);
    public static readonly Peer Node = new("node", "grpc-node-js", 1);

    private Peer(string name, string userAgent, int index)
    {
        Name = name;
        UserAgent = userAgent;
        Index = index;
    }

    public string Name { get; }

    /// <summary>What the library puts in user-agent (grpc-python/… or grpc-node-js/…).</summary>
    public string UserAgent { get; }

    /// <summary>Keeps the figures each peer submits apart (its own years).</summary>
    public int Index { get; }

    /// <summary>Runs one case; the command and what the peer printed go to the test's output.</summary>
    public async Task<JsonElement> RunAsync(PlatformFixture platform, ITestOutputHelper output, string testCase, string? probe = null, int? year = null)
    {
        string exe, dir;
        List<string> args;
        if (this == Python)
        {
            PeerEnvironment.RequirePython();
            (exe, dir, args) = (PeerEnvironment.Python, PeerEnvironment.PythonDir, ["client.py"]);
        }
        else
        {
            PeerEnvironment.RequireNode();
            (exe, dir, args) = (PeerEnvironment.Node, PeerEnvironment.NodeDir, ["client.js"]);
        }
        args.AddRange(["--target", platform.GrpcTarget, "--case", testCase, "--batch", PlatformFixture.SeededBatch]);
        if (probe is not null) args.AddRange(["--probe", probe]);
        if (year is not null) args.AddRange(["--year", year.Value.ToString(CultureInfo.InvariantCulture)]);

        var result = await PeerCommand.RunAsync(exe, dir, args, CaseTimeout, platform.PeerCredentials);
        var what = $"{Name} {string.Join(' ', args)}";
        output.WriteLine(result.Describe(what));
        if (result.ExitCode != 0) throw new XunitException(result.Describe(what));
        var line = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        try
        {
            return JsonDocument.Parse(line ?? "").RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new XunitException($"{what} printed no JSON result.\n{result.Describe(what)}");
        }
    }

    public override string ToString() => Name;
}
