using System.Diagnostics;

namespace Benchmarks.Grpc;

/// <summary>
/// On a small machine h2load and the servers fight for the same cores, and that noise swamps the
/// difference being measured. With two cores or more, every server (ours and bare Kestrel in this
/// process, grpc-js in its own) gets the last core and h2load the others: the same for each target.
/// </summary>
public sealed class CpuSplit : IDisposable
{
    private readonly nint _original;
    public bool Active { get; }
    public int ServerCore { get; }

    public CpuSplit()
    {
        ServerCore = Environment.ProcessorCount - 1;
        if (!OperatingSystem.IsLinux() || Environment.ProcessorCount < 2 || !File.Exists("/usr/bin/taskset")) return;
        Active = true;
        _original = Process.GetCurrentProcess().ProcessorAffinity;
        Process.GetCurrentProcess().ProcessorAffinity = (nint)(1L << ServerCore);
    }

    /// <summary>The command prefix for a server process.</summary>
    public string ServerPrefix => Active ? $"/usr/bin/taskset -c {ServerCore} " : "";

    /// <summary>The command prefix for the load generator.</summary>
    public string LoadPrefix => Active ? $"/usr/bin/taskset -c 0-{ServerCore - 1} " : "";

    public void Dispose()
    {
        if (Active && OperatingSystem.IsLinux()) Process.GetCurrentProcess().ProcessorAffinity = _original;
    }
}
