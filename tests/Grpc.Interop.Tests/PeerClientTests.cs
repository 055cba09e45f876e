using Grpc.Interop.Tests.Infrastructure;
using Xunit;

namespace Grpc.Interop.Tests;

/// <summary>Python (grpcio) interop client → our server.</summary>
public sealed class PythonClientToOurServerTests(OurServerFixture server) : IClassFixture<OurServerFixture>
{
    [Theory]
    [MemberData(nameof(InteropCases.All), MemberType = typeof(InteropCases))]
    public Task PythonClient_OurServer(string testCase) => PeerClients.RunPythonAsync(server.Port, testCase);
}

/// <summary>Node (grpc-js) interop client → our server.</summary>
public sealed class NodeClientToOurServerTests(OurServerFixture server) : IClassFixture<OurServerFixture>
{
    [Theory]
    [MemberData(nameof(InteropCases.All), MemberType = typeof(InteropCases))]
    public Task NodeClient_OurServer(string testCase) => PeerClients.RunNodeAsync(server.Port, testCase);
}

/// <summary>
/// The peers against each other (python client → node server, node client → python server),
/// so that a failure elsewhere in the matrix can be told apart from a broken peer. The
/// grpcio server cannot see request compression, hence server_checks_compression=false.
/// </summary>
public sealed class PythonClientToNodeServerTests(NodeServerFixture server) : IClassFixture<NodeServerFixture>
{
    [Theory]
    [MemberData(nameof(InteropCases.All), MemberType = typeof(InteropCases))]
    public Task PythonClient_NodeServer(string testCase) => PeerClients.RunPythonAsync(server.Port, testCase);
}

public sealed class NodeClientToPythonServerTests(PythonServerFixture server) : IClassFixture<PythonServerFixture>
{
    [Theory]
    [MemberData(nameof(InteropCases.All), MemberType = typeof(InteropCases))]
    public Task NodeClient_PythonServer(string testCase) => PeerClients.RunNodeAsync(server.Port, testCase, serverChecksCompression: false);
}
