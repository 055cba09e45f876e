using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Platform.Grpc.Reflection;

/// <summary>Files and symbols of the services mapped on this host, for server reflection.</summary>
public sealed class ReflectionIndex
{
    private readonly GrpcServiceRegistry _registry;
    private readonly Lock _lock = new();
    private int _builtFor = -1;
    private Dictionary<string, FileDescriptor> _files = [];
    private Dictionary<string, FileDescriptor> _symbols = [];
    private List<string> _serviceNames = [];

    public ReflectionIndex(GrpcServiceRegistry registry)
    {
        _registry = registry;
    }

    public IReadOnlyList<string> ServiceNames
    {
        get
        {
            EnsureBuilt();
            return _serviceNames;
        }
    }

    public FileDescriptor? FindFileByName(string name)
    {
        EnsureBuilt();
        return _files.GetValueOrDefault(name);
    }

    public FileDescriptor? FindFileContainingSymbol(string symbol)
    {
        EnsureBuilt();
        if (_symbols.TryGetValue(symbol, out var file))
        {
            return file;
        }
        // A method may be asked for as "pkg.Service.Method".
        return null;
    }

    public MessageDescriptor? FindMessage(string fullName)
    {
        EnsureBuilt();
        return _symbols.TryGetValue(fullName, out var file) ? FindMessageIn(file, fullName) : null;
    }

    /// <summary>The file and all its transitive dependencies, each once, the file first.</summary>
    public static IReadOnlyList<ByteString> WithDependencies(FileDescriptor file)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<ByteString>();
        var stack = new Stack<FileDescriptor>();
        stack.Push(file);
        while (stack.Count > 0)
        {
            var next = stack.Pop();
            if (!seen.Add(next.Name))
            {
                continue;
            }
            result.Add(next.SerializedData);
            foreach (var dependency in next.Dependencies)
            {
                stack.Push(dependency);
            }
        }
        return result;
    }

    private void EnsureBuilt()
    {
        var count = _registry.Services.Count;
        if (Volatile.Read(ref _builtFor) == count)
        {
            return;
        }
        lock (_lock)
        {
            if (_builtFor == count)
            {
                return;
            }
            var files = new Dictionary<string, FileDescriptor>(StringComparer.Ordinal);
            var symbols = new Dictionary<string, FileDescriptor>(StringComparer.Ordinal);
            var names = new List<string>();
            foreach (var service in _registry.Services)
            {
                names.Add(service.FullName);
                AddFile(service.File, files, symbols);
            }
            names.Sort(StringComparer.Ordinal);
            _files = files;
            _symbols = symbols;
            _serviceNames = names;
            Volatile.Write(ref _builtFor, count);
        }
    }

    private static void AddFile(FileDescriptor file, Dictionary<string, FileDescriptor> files, Dictionary<string, FileDescriptor> symbols)
    {
        if (!files.TryAdd(file.Name, file))
        {
            return;
        }
        foreach (var service in file.Services)
        {
            symbols.TryAdd(service.FullName, file);
            foreach (var method in service.Methods)
            {
                symbols.TryAdd(service.FullName + "." + method.Name, file);
            }
        }
        foreach (var message in file.MessageTypes)
        {
            AddMessage(message, file, symbols);
        }
        foreach (var e in file.EnumTypes)
        {
            symbols.TryAdd(e.FullName, file);
        }
        foreach (var extension in file.Extensions.UnorderedExtensions)
        {
            symbols.TryAdd(extension.FullName, file);
        }
        foreach (var dependency in file.Dependencies)
        {
            AddFile(dependency, files, symbols);
        }
    }

    private static void AddMessage(MessageDescriptor message, FileDescriptor file, Dictionary<string, FileDescriptor> symbols)
    {
        symbols.TryAdd(message.FullName, file);
        foreach (var nested in message.NestedTypes)
        {
            AddMessage(nested, file, symbols);
        }
        foreach (var e in message.EnumTypes)
        {
            symbols.TryAdd(e.FullName, file);
        }
    }

    private static MessageDescriptor? FindMessageIn(FileDescriptor file, string fullName)
    {
        foreach (var message in file.MessageTypes)
        {
            var found = FindNested(message, fullName);
            if (found is not null)
            {
                return found;
            }
        }
        return null;
    }

    private static MessageDescriptor? FindNested(MessageDescriptor message, string fullName)
    {
        if (message.FullName == fullName)
        {
            return message;
        }
        foreach (var nested in message.NestedTypes)
        {
            var found = FindNested(nested, fullName);
            if (found is not null)
            {
                return found;
            }
        }
        return null;
    }
}
