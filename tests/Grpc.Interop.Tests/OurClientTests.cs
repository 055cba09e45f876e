using Grpc.Interop.Tests.Client;
using Grpc.Interop.Tests.Infrastructure;
using Xunit;

namespace Grpc.Interop.Tests;

/// <summary>Our client → our server.</summary>
public sealed class OurClientToOurServerTests(OurServerFixture server) : IClassFixture<OurServerFixture>
{
    [Theory]
    [MemberData(nameof(InteropCases.All), MemberType = typeof(InteropCases))]
    public Task OurClient_OurServer(string testCase) => InteropClient.RunAsync("127.0.0.1", server.Port, testCase, ServerTraits.Ours);
}

/// <summary>Our client → Python (grpcio) server.</summary>
public sealed class OurClientToPythonServerTests(PythonServerFixture server) : IClassFixture<PythonServerFixture>
{
    [Theory]
    [MemberData(nameof(InteropCases.All), MemberType = typeof(InteropCases))]
    public Task OurClient_PythonServer(string testCase) => InteropClient.RunAsync("127.0.0.1", server.Port, testCase, ServerTraits.Python);
}

/// <summary>Our client → Node (grpc-js) server.</summary>
public sealed class OurClientToNodeServerTests(NodeServerFixture server) : IClassFixture<NodeServerFixture>
{
    [Theory]
    [MemberData(nameof(InteropCases.All), MemberType = typeof(InteropCases))]
    public Task OurClient_NodeServer(string testCase) => InteropClient.RunAsync("127.0.0.1", server.Port, testCase, ServerTraits.Node);
}
