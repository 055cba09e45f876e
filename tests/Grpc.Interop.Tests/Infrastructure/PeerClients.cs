using Xunit.Sdk;

namespace Grpc.Interop.Tests.Infrastructure;

/// <summary>Runs one interop case with a peer's client against a server on 127.0.0.1.</summary>
internal static class PeerClients
{
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(60);

    public static async Task RunPythonAsync(int port, string testCase, bool serverChecksCompression = true)
    {
        PeerEnvironment.RequirePython();
        var result = await PeerCommand.RunAsync(PeerEnvironment.Python, PeerEnvironment.PythonDir,
            ["client.py", "--server_host", "127.0.0.1", "--server_port", Port(port), "--test_case", testCase,
             "--server_checks_compression", serverChecksCompression ? "true" : "false"], CaseTimeout);
        Check(result, $"python client.py --test_case {testCase}");
    }

    public static async Task RunNodeAsync(int port, string testCase, bool serverChecksCompression = true)
    {
        PeerEnvironment.RequireNode();
        var result = await PeerCommand.RunAsync(PeerEnvironment.Node, PeerEnvironment.NodeDir,
            ["client.js", "--server_host", "127.0.0.1", "--server_port", Port(port), "--test_case", testCase,
             "--server_checks_compression", serverChecksCompression ? "true" : "false"], CaseTimeout);
        Check(result, $"node client.js --test_case {testCase}");
    }

    public static async Task<PeerResult> RunNodeToolAsync(string script, params string[] args)
    {
        PeerEnvironment.RequireNode();
        return await PeerCommand.RunAsync(PeerEnvironment.Node, PeerEnvironment.NodeDir, [script, .. args], CaseTimeout);
    }

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void Check(PeerResult result, string what)
    {
        if (result.ExitCode != 0)
        {
            throw new XunitException(result.Describe(what));
        }
    }
}
