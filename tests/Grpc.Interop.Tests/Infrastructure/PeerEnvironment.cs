using System.Diagnostics;
using System.Reflection;
using Xunit.Sdk;

namespace Grpc.Interop.Tests.Infrastructure;

/// <summary>
/// Where the independent peers live and whether they can run here. A missing peer fails the
/// test with a message saying what to install (peers/install.sh); it never skips.
/// </summary>
internal static class PeerEnvironment
{
    public const string Python = "/usr/bin/python3";
    private static readonly Lazy<string?> PythonProblem = new(CheckPython);
    private static readonly Lazy<string?> NodeProblem = new(PrepareNode);

    public static string SourceDir { get; } = typeof(PeerEnvironment).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "InteropSourceDir").Value!;

    public static string PythonDir => Path.Combine(SourceDir, "peers", "python");

    public static string NodeDir => Path.Combine(SourceDir, "peers", "node");

    public static string Node => FindOnPath("node") ?? "node";

    public static void RequirePython()
    {
        if (PythonProblem.Value is { } problem)
        {
            throw new XunitException($"Python peer unavailable: {problem} Run tests/Grpc.Interop.Tests/peers/install.sh.");
        }
    }

    public static void RequireNode()
    {
        if (NodeProblem.Value is { } problem)
        {
            throw new XunitException($"Node peer unavailable: {problem} Run tests/Grpc.Interop.Tests/peers/install.sh.");
        }
    }

    private static string? CheckPython()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} does not exist (apt-get install python3-grpcio python3-protobuf).";
        }
        foreach (var file in new[] { "/usr/bin/protoc", "/usr/bin/grpc_python_plugin", "/usr/include/google/protobuf/timestamp.proto" })
        {
            if (!File.Exists(file))
            {
                return $"{file} does not exist (apt-get install protobuf-compiler protobuf-compiler-grpc libprotobuf-dev).";
            }
        }
        var result = PeerCommand.Run(Python, PythonDir, ["-c", "import grpc, google.protobuf"], TimeSpan.FromSeconds(30));
        return result.ExitCode == 0
            ? null
            : $"{Python} cannot import grpc/google.protobuf (apt-get install python3-grpcio python3-protobuf): {result.StdErr.Trim()}";
    }

    private static string? PrepareNode()
    {
        var node = FindOnPath("node");
        if (node is null)
        {
            return "node is not on PATH.";
        }
        if (MissingModule() is not null)
        {
            var npm = FindOnPath("npm");
            if (npm is null)
            {
                return $"node_modules lacks {MissingModule()} and npm is not on PATH.";
            }
            // Serialize with other test processes that may install at the same time.
            using var lockFile = AcquireLock(Path.Combine(Path.GetTempPath(), "grpc-interop-npm-ci.lock"));
            if (MissingModule() is not null)
            {
                var install = PeerCommand.Run(npm, NodeDir, ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
                if (install.ExitCode != 0)
                {
                    return $"npm ci in {NodeDir} failed ({install.ExitCode}): {install.StdErr.Trim()}";
                }
            }
        }
        if (MissingModule() is { } missing)
        {
            return $"node_modules lacks {missing}.";
        }
        return null;
    }

    private static string? MissingModule() =>
        new[] { "@grpc/grpc-js", "@grpc/proto-loader", "grpc-health-check", "grpc-js-reflection-client", "protobufjs" }
            .FirstOrDefault(module => !File.Exists(Path.Combine(NodeDir, "node_modules", module, "package.json")));

    private static FileStream AcquireLock(string path)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (deadline.Elapsed < TimeSpan.FromMinutes(5))
            {
                Thread.Sleep(200);
            }
        }
    }

    private static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
