using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Benchmarks.Grpc;

/// <summary>
/// On a small machine h2load and the servers fight for the same cores, and that noise swamps the
/// difference being measured. With two cores or more, every server (Grpc.AspNetCore and bare Kestrel
/// in this process, grpc-js in its own) gets the last core and h2load the others: the same for each
/// target.
/// </summary>
/// <remarks>
/// On Linux an affinity belongs to a thread: setting the process's (Process.ProcessorAffinity,
/// sched_setaffinity of the pid) moves only the main thread, and the threads the runtime started
/// before (server GC threads, one of them pinned to core 0 where h2load runs, the finalizer, the
/// thread pool's) would stay where they were. So every thread of the process is moved, as taskset
/// does for the other servers; threads started later inherit it.
/// </remarks>
public sealed class CpuSplit : IDisposable
{
    private readonly ulong _original;
    public bool Active { get; }
    public int ServerCore { get; }

    public CpuSplit()
    {
        ServerCore = Environment.ProcessorCount - 1;
        if (!OperatingSystem.IsLinux() || Environment.ProcessorCount < 2 || ServerCore >= 64 || !File.Exists("/usr/bin/taskset")) return;
        Active = true;
        _original = (ulong)Process.GetCurrentProcess().ProcessorAffinity;
        PinAllThreads(1UL << ServerCore);
    }

    /// <summary>The command prefix for a server process.</summary>
    public string ServerPrefix => Active ? $"/usr/bin/taskset -c {ServerCore} " : "";

    /// <summary>The command prefix for the load generator.</summary>
    public string LoadPrefix => Active ? $"/usr/bin/taskset -c 0-{ServerCore - 1} " : "";

    public void Dispose()
    {
        if (Active) PinAllThreads(_original);
    }

    private static void PinAllThreads(ulong mask)
    {
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
            if (int.TryParse(Path.GetFileName(task), out var tid))
                _ = SchedSetAffinity(tid, sizeof(ulong), ref mask); // a thread that has just exited: nothing to move
    }

    [DllImport("libc", EntryPoint = "sched_setaffinity")]
    private static extern int SchedSetAffinity(int tid, nint size, ref ulong mask);
}
