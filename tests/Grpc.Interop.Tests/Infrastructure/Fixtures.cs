using Grpc.Interop.Tests.Server;
using Xunit;

namespace Grpc.Interop.Tests.Infrastructure;

/// <summary>One of our servers per test class.</summary>
public sealed class OurServerFixture : IAsyncLifetime
{
    private InteropServer? _server;

    public InteropServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public int Port => Server.Port;

    public async Task InitializeAsync() => _server = await InteropServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>
/// A peer server process per test class. A peer that cannot run makes every test using it
/// fail with the reason (never a skip): the failure is kept and rethrown from <see cref="Port"/>.
/// </summary>
public abstract class PeerServerFixture : IAsyncLifetime
{
    private PeerServer? _server;
    private Exception? _startFailure;

    protected abstract string Name { get; }

    public int Port
    {
        get
        {
            if (_startFailure is not null)
            {
                throw new Xunit.Sdk.XunitException($"{Name} is not available: {_startFailure.Message}");
            }
            return _server!.Port;
        }
    }

    public string Output => _server?.Output ?? "";

    private protected abstract Task<PeerServer> StartAsync();

    public async Task InitializeAsync()
    {
        try
        {
            _server = await StartAsync();
        }
        catch (Exception ex)
        {
            _startFailure = ex;
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

public sealed class PythonServerFixture : PeerServerFixture
{
    protected override string Name => "the Python (grpcio) interop server";

    private protected override Task<PeerServer> StartAsync()
    {
        PeerEnvironment.RequirePython();
        return PeerServer.StartAsync(Name, PeerEnvironment.Python, PeerEnvironment.PythonDir, ["server.py", "--port", "0"]);
    }
}

public sealed class NodeServerFixture : PeerServerFixture
{
    protected override string Name => "the Node (grpc-js) interop server";

    private protected override Task<PeerServer> StartAsync()
    {
        PeerEnvironment.RequireNode();
        return PeerServer.StartAsync(Name, PeerEnvironment.Node, PeerEnvironment.NodeDir, ["server.js", "--port", "0"]);
    }
}
